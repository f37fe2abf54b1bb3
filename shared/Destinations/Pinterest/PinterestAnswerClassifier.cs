using System.Text.Json;

namespace Pipeline.Destinations.Pinterest;

/// <summary>
/// Turns a Conversions API answer into one outcome per event sent. Pinterest answers 200 (all processed) or 422
/// (some failed) with <c>events[]</c> in request order, so each event gets its own status.
/// </summary>
public static class PinterestAnswerClassifier
{
    /// <param name="httpStatus">HTTP status of the answer.</param>
    /// <param name="headers">Answer headers (for <c>Retry-After</c>); any key casing.</param>
    /// <param name="body">Answer body, if any.</param>
    /// <param name="eventsSent">How many events the request carried.</param>
    /// <param name="now">Current time, to read a <c>Retry-After</c> date.</param>
    /// <returns>One outcome per event, in request order.</returns>
    public static IReadOnlyList<DeliveryOutcome> Classify(
        int httpStatus, IReadOnlyDictionary<string, string> headers, string? body, int eventsSent, DateTimeOffset now)
    {
        var answer = PinterestAnswer.Parse(body);
        if (PerEvent(httpStatus, answer, eventsSent) is { } events)
            return events.Select(e => e.Status == "processed"
                ? DeliveryOutcome.Delivered("processed")
                : DeliveryOutcome.Permanent($"Pinterest failed the event: {e.ErrorMessage ?? e.Status ?? "no status"}")).ToList();

        return Enumerable.Repeat(Whole(httpStatus, headers, answer, eventsSent, now), eventsSent).ToList();
    }

    /// <summary>True when the answer gives each event its own status (200 or 422 with one <c>events[]</c> entry per event).</summary>
    public static bool AnswersPerEvent(int httpStatus, string? body, int eventsSent) =>
        PerEvent(httpStatus, PinterestAnswer.Parse(body), eventsSent) is not null;

    private static IReadOnlyList<EventStatus>? PerEvent(int httpStatus, PinterestAnswer? answer, int eventsSent) =>
        httpStatus is 200 or 422 && answer?.Events is { } events && events.Count == eventsSent ? events : null;

    private static DeliveryOutcome Whole(
        int httpStatus, IReadOnlyDictionary<string, string> headers, PinterestAnswer? answer, int eventsSent, DateTimeOffset now)
    {
        var retryAfter = RetryAfterHeader.Read(headers, now);
        var what = answer?.Describe() is { } d ? $"HTTP {httpStatus} from Pinterest ({d})" : $"HTTP {httpStatus} from Pinterest";
        return httpStatus switch
        {
            // 200 without a per-event status for each event sent: every event carries event_id, so a resend is deduplicated.
            200 when answer?.Received == eventsSent && answer.Events is null => DeliveryOutcome.Delivered($"{eventsSent} received"),
            >= 200 and < 300 => DeliveryOutcome.Retry($"unreadable Pinterest answer (HTTP {httpStatus})", retryAfter),
            429 or 408 or >= 500 => DeliveryOutcome.Retry(what, retryAfter),
            401 or 403 => DeliveryOutcome.AuthFailure(what),
            _ => DeliveryOutcome.Permanent(what),
        };
    }

    private sealed record PinterestAnswer(int? Received, IReadOnlyList<EventStatus>? Events, int? Code, string? Message)
    {
        public static PinterestAnswer? Parse(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                var events = root.TryGetProperty("events", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object
                        ? new EventStatus(Text(e, "status"), Text(e, "error_message"))
                        : new EventStatus(null, null)).ToList()
                    : null;
                return new PinterestAnswer(Number(root, "num_events_received"), events, Number(root, "code"), Text(root, "message"));
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public string? Describe() =>
            Code is null && Message is null ? null : string.Join(' ', new[] { Code is null ? null : $"code={Code}", Message is null ? null : $"message={Message}" }.OfType<string>());

        private static int? Number(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

        private static string? Text(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private sealed record EventStatus(string? Status, string? ErrorMessage);
}
