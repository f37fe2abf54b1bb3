namespace Pipeline.IntegrationTests.Collect;

/// <summary>Bodies in the snippet's wire format (docs/collector.md).</summary>
public static class Hits
{
    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static string NewVid() => "v" + Guid.NewGuid().ToString("N")[..20];

    public static Dictionary<string, object?> Body(string? vid, params object[] items) =>
        new() { ["v"] = 1, ["vid"] = vid, ["a"] = 0, ["e"] = items };

    public static Dictionary<string, object?> Anonymous(params object[] items) =>
        new() { ["v"] = 1, ["vid"] = null, ["a"] = 1, ["e"] = items };

    /// <param name="cookies">The page's platform cookies; by default the <c>_fbp</c> the snippet writes on landing.</param>
    public static Dictionary<string, object?> Page(string url = "https://shop.example/p", IDictionary<string, string>? clickIds = null,
        IDictionary<string, string>? cookies = null, long? ts = null, string? referrer = null) => new()
    {
        ["t"] = "hit", ["ts"] = ts ?? Now, ["pv"] = "pv" + Guid.NewGuid().ToString("N")[..12], ["u"] = url, ["r"] = referrer,
        ["ck"] = clickIds ?? new Dictionary<string, string>(), ["c"] = cookies ?? SnippetFbp(),
    };

    /// <summary>A bare page view: no click id and no platform cookie, as a script that is not the snippet sends.</summary>
    public static Dictionary<string, object?> BarePage(string url = "https://shop.example/p") => Page(url, cookies: new Dictionary<string, string>());

    private static Dictionary<string, string> SnippetFbp() =>
        new() { ["_fbp"] = $"fb.1.{Now}.{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}" };

    public static Dictionary<string, object?> Event(string name, string eventId, object? parameters = null,
        IDictionary<string, string>? linkIds = null, string url = "https://shop.example/thanks") => new()
    {
        ["t"] = "ev", ["ts"] = Now, ["n"] = name, ["id"] = eventId, ["u"] = url, ["p"] = parameters, ["x"] = linkIds,
    };

    public static Dictionary<string, object?> Identify(string? email = null, string? phone = null, string? externalId = null) => new()
    {
        ["t"] = "id", ["ts"] = Now, ["email"] = email, ["phone"] = phone, ["externalId"] = externalId,
    };

    /// <param name="ts">The item's client time, Unix ms (default: now).</param>
    public static Dictionary<string, object?> Consent(bool granted, long? ts = null)
    {
        var value = granted ? "granted" : "denied";
        return new()
        {
            ["t"] = "cs", ["ts"] = ts ?? Now, ["ad_storage"] = value, ["analytics_storage"] = value, ["ad_user_data"] = value,
            ["ad_personalization"] = value,
        };
    }
}
