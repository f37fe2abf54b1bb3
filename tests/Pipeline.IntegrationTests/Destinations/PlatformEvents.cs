using System.Security.Cryptography;
using System.Text;
using Pipeline.IntegrationTests.Foundation;

namespace Pipeline.IntegrationTests.Destinations;

/// <summary>Server API bodies carrying what every platform needs (click id, GA client id), and their expected hashes.</summary>
public static class PlatformEvents
{
    public const string Gclid = "Cj0KCQjw-test-gclid";
    public const string GaClientId = "1234567890.1782900000";
    public const string GaSessionId = "1782906000";

    /// <summary>
    /// SHA-256 of "buyer@example.com": the posted "Buyer@Example.com " trimmed and lowercased, the same under Meta's,
    /// TikTok's and Google's rules (no gmail address, so no dot removal).
    /// </summary>
    public const string EmailHash = "6a6c26195c3682faa816966af789717c3bfa834eee6c599d667d2b3429c27cfd";

    /// <summary>A purchase one minute old (or <paramref name="age"/> old), as the server API takes it.</summary>
    public static Dictionary<string, object?> Purchase(TimeSpan? age = null, bool test = false)
    {
        var body = EventBuilder.Purchase();
        body["event_time"] = DateTimeOffset.UtcNow.Add(-(age ?? TimeSpan.FromMinutes(1))).ToUnixTimeSeconds();
        body["click_ids"] = new Dictionary<string, string> { ["gclid"] = Gclid };
        body["browser_ids"] = new Dictionary<string, string> { ["ga_client_id"] = GaClientId, ["ga_session_id"] = GaSessionId };
        if (test) body["test"] = true;
        return body;
    }

    /// <summary>A full refund of the purchase's order.</summary>
    public static Dictionary<string, object?> Refund()
    {
        var body = Purchase();
        body["event_name"] = "Refund";
        body["event_id"] = "refund_" + Guid.NewGuid().ToString("N")[..12];
        return body;
    }

    public static string EventId(Dictionary<string, object?> body) => (string)body["event_id"]!;

    public static long EventTime(Dictionary<string, object?> body) => (long)body["event_time"]!;

    /// <summary>Lowercase hex SHA-256 of UTF-8 text, to check a hash constant against its normalized input.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
