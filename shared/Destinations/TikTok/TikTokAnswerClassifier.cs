using System.Text.Json;

namespace Pipeline.Destinations.TikTok;

/// <summary>Turns an Events API answer into a delivery outcome. TikTok answers HTTP 200 with a code; code 0 is success.</summary>
public static class TikTokAnswerClassifier
{
    private const int RateLimited = 40100;
    private const int NoPermission = 40001;
    private const int InvalidToken = 40105;

    /// <param name="httpStatus">HTTP status of the answer.</param>
    /// <param name="headers">Answer headers (for <c>Retry-After</c>); any key casing.</param>
    /// <param name="body">Answer body, if any.</param>
    /// <param name="now">Current time, to read a <c>Retry-After</c> date.</param>
    public static DeliveryOutcome Classify(int httpStatus, IReadOnlyDictionary<string, string> headers, string? body, DateTimeOffset now)
    {
        var retryAfter = RetryAfterHeader.Read(headers, now);
        if (httpStatus is 429 or 408 or >= 500) return DeliveryOutcome.Retry($"HTTP {httpStatus} from TikTok", retryAfter);

        var answer = TikTokAnswer.Parse(body);
        if (answer?.Code is not { } code)
        {
            return httpStatus switch
            {
                >= 200 and < 300 => DeliveryOutcome.Retry($"unreadable TikTok answer (HTTP {httpStatus})", retryAfter),
                401 or 403 => DeliveryOutcome.AuthFailure($"HTTP {httpStatus} from TikTok"),
                _ => DeliveryOutcome.Permanent($"HTTP {httpStatus} from TikTok without an answer code"),
            };
        }

        return code switch
        {
            0 => DeliveryOutcome.Delivered($"request_id={answer.RequestId}"),
            RateLimited or (>= 50000 and <= 51999) => DeliveryOutcome.Retry(answer.Describe("transient"), retryAfter),
            // A refused permission fails every later event too, exactly like a bad token: pause, don't burn the queue.
            InvalidToken or NoPermission => DeliveryOutcome.AuthFailure(answer.Describe("access refused")),
            _ => DeliveryOutcome.Permanent(answer.Describe("rejected")),
        };
    }

    private sealed record TikTokAnswer(int? Code, string? Message, string? RequestId)
    {
        public static TikTokAnswer? Parse(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var i) ? i : null;
                return new TikTokAnswer(code, Text(root, "message"), Text(root, "request_id"));
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public string Describe(string kind)
        {
            var parts = new List<string> { kind, $"code={Code}" };
            if (Message is not null) parts.Add($"message={Message}");
            if (RequestId is not null) parts.Add($"request_id={RequestId}");
            return string.Join(' ', parts);
        }

        private static string? Text(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
