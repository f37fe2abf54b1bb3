using System.Text.Json;

namespace Pipeline.Destinations.Meta;

/// <summary>Turns a Conversions API answer into a delivery outcome, branching on Meta's error codes, not its text.</summary>
public static class MetaAnswerClassifier
{
    private const int ExpiredSubcode = 2804003;
    private const int InvalidTokenCode = 190;

    // Meta's documented "retry later" codes: unknown/service errors, throttling, temporary unavailability.
    private static readonly HashSet<int> TransientCodes = [1, 2, 4, 17, 32, 341, 368, 613];

    /// <param name="httpStatus">HTTP status of the answer.</param>
    /// <param name="headers">Answer headers (for <c>Retry-After</c>); any key casing.</param>
    /// <param name="body">Answer body, if any.</param>
    /// <param name="eventsSent">How many events the request carried, to check <c>events_received</c>.</param>
    /// <param name="now">Current time, to read a <c>Retry-After</c> date.</param>
    public static DeliveryOutcome Classify(int httpStatus, IReadOnlyDictionary<string, string> headers, string? body, int eventsSent, DateTimeOffset now)
    {
        var retryAfter = RetryAfterHeader.Read(headers, now);
        var json = Parse(body);

        if (json is { } root && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            return ClassifyError(MetaError.From(error), httpStatus, retryAfter);

        if (httpStatus is >= 200 and < 300)
        {
            if (json is { } ok && ok.TryGetProperty("events_received", out var received) && received.TryGetInt32(out var n))
            {
                var trace = Text(ok, "fbtrace_id");
                return n == eventsSent
                    ? DeliveryOutcome.Delivered($"events_received={n} fbtrace_id={trace}")
                    // Events carry event_id, so sending again cannot double-count them.
                    : DeliveryOutcome.Retry($"Meta received {n} of {eventsSent} events fbtrace_id={trace}", retryAfter);
            }
            return DeliveryOutcome.Retry($"unreadable Meta answer (HTTP {httpStatus})", retryAfter);
        }

        return httpStatus switch
        {
            429 or 408 or >= 500 => DeliveryOutcome.Retry($"HTTP {httpStatus} from Meta", retryAfter),
            401 or 403 => DeliveryOutcome.AuthFailure($"HTTP {httpStatus} from Meta"),
            _ => DeliveryOutcome.Permanent($"HTTP {httpStatus} from Meta without an error body"),
        };
    }

    private static DeliveryOutcome ClassifyError(MetaError error, int httpStatus, TimeSpan? retryAfter)
    {
        if (error.Code == InvalidTokenCode) return DeliveryOutcome.AuthFailure(error.Describe("access token rejected"));
        // Too old: retrying can only get older.
        if (error.Subcode == ExpiredSubcode) return DeliveryOutcome.Permanent(error.Describe("expired"));
        if (error.IsTransient || error.Code is { } code && (TransientCodes.Contains(code) || code is >= 80000 and <= 80014))
            return DeliveryOutcome.Retry(error.Describe("transient"), retryAfter);
        // No code at all: fall back to the status, which is all there is to go on.
        if (error.Code is null && (httpStatus is 429 or 408 or >= 500))
            return DeliveryOutcome.Retry(error.Describe($"HTTP {httpStatus}"), retryAfter);
        if (error.Code == 2635) return DeliveryOutcome.Permanent(error.Describe("API version deprecated: raise MetaSettings.ApiVersion"));
        return DeliveryOutcome.Permanent(error.Describe("rejected"));
    }

    private static JsonElement? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private sealed record MetaError(int? Code, int? Subcode, bool IsTransient, string? Message, string? UserTitle, string? FbTraceId)
    {
        public static MetaError From(JsonElement e) => new(
            Int(e, "code"),
            Int(e, "error_subcode"),
            e.TryGetProperty("is_transient", out var t) && t.ValueKind == JsonValueKind.True,
            Text(e, "message"),
            Text(e, "error_user_title"),
            Text(e, "fbtrace_id"));

        public string Describe(string kind)
        {
            var parts = new List<string> { kind, $"code={Code?.ToString() ?? "none"}" };
            if (Subcode is { } s) parts.Add($"subcode={s}");
            if (Message is not null) parts.Add($"message={Message}");
            if (UserTitle is not null) parts.Add($"title={UserTitle}");
            if (FbTraceId is not null) parts.Add($"fbtrace_id={FbTraceId}");
            return string.Join(' ', parts);
        }

        private static int? Int(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;
    }
}
