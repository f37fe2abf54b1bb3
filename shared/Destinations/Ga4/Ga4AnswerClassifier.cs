using System.Globalization;
using System.Text.Json;

namespace Pipeline.Destinations.Ga4;

/// <summary>Turns a Measurement Protocol answer into an outcome.</summary>
public static class Ga4AnswerClassifier
{
    /// <summary>
    /// 2xx is Delivered: the collection endpoint accepts even a bad payload silently. The debug endpoint answers 200
    /// with <c>validationMessages</c>: any message makes it Permanent with the messages. 429 and 5xx retry; other
    /// statuses are Permanent.
    /// </summary>
    public static DeliveryOutcome Classify(int status, IReadOnlyDictionary<string, string> headers, string? body)
    {
        if (status is >= 200 and < 300)
        {
            var messages = ValidationMessages(body);
            return messages.Count == 0
                ? DeliveryOutcome.Delivered()
                : DeliveryOutcome.Permanent("validation: " + string.Join("; ", messages));
        }
        if (status is 429 or 408 or >= 500)
            return DeliveryOutcome.Retry($"HTTP {status}", RetryAfter(headers));
        return DeliveryOutcome.Permanent($"HTTP {status}" + (string.IsNullOrWhiteSpace(body) ? "" : $": {Truncate(body)}"));
    }

    private static List<string> ValidationMessages(string? body)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(body)) return result;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("validationMessages", out var messages)
                || messages.ValueKind != JsonValueKind.Array)
            {
                return result;
            }
            foreach (var m in messages.EnumerateArray())
            {
                string? Field(string name) => m.ValueKind == JsonValueKind.Object && m.TryGetProperty(name, out var v) ? v.GetString() : null;
                var code = Field("validationCode") ?? "VALUE_INVALID";
                var path = Field("fieldPath");
                var description = Field("description");
                result.Add(code + (path is null ? "" : $" at {path}") + (description is null ? "" : $": {description}"));
            }
        }
        catch (JsonException)
        {
            // A non-JSON 2xx body is not a validation report.
        }
        return result;
    }

    private static TimeSpan? RetryAfter(IReadOnlyDictionary<string, string> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (string.Equals(name, "Retry-After", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }
        return null;
    }

    private static string Truncate(string body) => body.Length <= 500 ? body : body[..500] + "…";
}
