using System.Text.Json;

namespace Pipeline.Destinations.Snapchat;

/// <summary>
/// Turns a Conversions API v3 answer into a delivery outcome. Snap answers for the request as a whole; it documents
/// no partial failure, so none is read.
/// </summary>
public static class SnapchatAnswerClassifier
{
    /// <param name="httpStatus">HTTP status of the answer.</param>
    /// <param name="headers">Answer headers (for <c>Retry-After</c>); any key casing.</param>
    /// <param name="body">Answer body, if any.</param>
    /// <param name="now">Current time, to read a <c>Retry-After</c> date.</param>
    public static DeliveryOutcome Classify(int httpStatus, IReadOnlyDictionary<string, string> headers, string? body, DateTimeOffset now)
    {
        var retryAfter = RetryAfterHeader.Read(headers, now);
        var answer = SnapchatAnswer.Parse(body);
        return httpStatus switch
        {
            // A 200 that says anything but VALID refused the events; a 200 without a status is taken at its word,
            // since the success body is not documented and resending can only be deduplicated, never accepted.
            >= 200 and < 300 when answer?.Status is { } status && !status.Equals("VALID", StringComparison.OrdinalIgnoreCase) =>
                DeliveryOutcome.Permanent(answer.Describe("rejected")),
            >= 200 and < 300 => DeliveryOutcome.Delivered(answer?.Status is null ? $"HTTP {httpStatus}" : answer.Describe("status")),
            429 or 408 or >= 500 => DeliveryOutcome.Retry(Describe(httpStatus, answer, "transient"), retryAfter),
            // A refused token fails every later event too: pause the destination, don't burn the queue.
            401 or 403 => DeliveryOutcome.AuthFailure(Describe(httpStatus, answer, "access refused")),
            _ => DeliveryOutcome.Permanent(Describe(httpStatus, answer, "rejected")),
        };
    }

    private static string Describe(int httpStatus, SnapchatAnswer? answer, string kind) =>
        answer is null ? $"HTTP {httpStatus} from Snapchat" : $"HTTP {httpStatus} from Snapchat: {answer.Describe(kind)}";

    private sealed record SnapchatAnswer(string? Status, string? Reason)
    {
        public static SnapchatAnswer? Parse(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                var answer = new SnapchatAnswer(Text(root, "status"), Text(root, "reason"));
                return answer.Status is null && answer.Reason is null ? null : answer;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public string Describe(string kind)
        {
            var parts = new List<string> { kind };
            if (Status is not null) parts.Add($"status={Status}");
            if (Reason is not null) parts.Add($"reason={Reason}");
            return string.Join(' ', parts);
        }

        private static string? Text(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
