using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.IntegrationTests.Destinations;

/// <summary>
/// Compares a request body as the fake received it with a golden text written indented for reading, byte for byte
/// once the golden's layout is removed: property order, number formatting and escaping all count.
/// Placeholders: {{event_id}}, {{event_time}}, {{event_time_micros}}, {{google_time}}.
/// </summary>
public static class Golden
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void AssertBody(string golden, string actual, Dictionary<string, object?> posted)
    {
        var eventTime = PlatformEvents.EventTime(posted);
        var filled = golden
            .Replace("{{event_id}}", PlatformEvents.EventId(posted), StringComparison.Ordinal)
            .Replace("{{event_time_micros}}", (eventTime * 1_000_000).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{event_time}}", eventTime.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{google_time}}", DateTimeOffset.FromUnixTimeSeconds(eventTime).ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(JsonNode.Parse(filled)!.ToJsonString(Compact), actual);
    }
}
