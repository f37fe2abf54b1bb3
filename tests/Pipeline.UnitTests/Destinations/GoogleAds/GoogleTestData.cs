using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Destinations;
using Pipeline.Destinations.GoogleAds;
using Pipeline.Events;
using Pipeline.Identity;

namespace Pipeline.UnitTests.Destinations.GoogleAds;

/// <summary>Events, settings and JSON helpers shared by the Google Ads and GA4 golden tests.</summary>
internal static class GoogleTestData
{
    /// <summary>2026-07-01 12:00:00 UTC.</summary>
    public const long EventTime = 1782907200;

    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(EventTime).AddHours(1);

    public const string EmailHash = "1df6b43bc68dd38eca94e6a65b4f466ae537b796c81a526918b40ac4a7b906c7";
    public const string PhoneHash = "fb4f73a6ec5fdb7077d564cdd22c3554b43ce49168550c3b12c547b78c517b30";
    public const string MetaEmailHash = "1af4c091b1496611697f10a9db27fc4fa1b0ebe5783e3205a2e6bba252ad00ed";
    public const string ExternalIdHash = "4c4afe32eedbefa769db75d3ecf5aa2d73414c3a609c54b016c46d0122812f04";

    public static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    public static HashVariants GoogleHash(string hash, string? metaHash = null)
    {
        var v = new HashVariants { [HashRules.Google] = hash };
        if (metaHash is not null) v[HashRules.Meta] = metaHash;
        return v;
    }

    public static CanonicalEvent Purchase() => new()
    {
        EventName = "Purchase",
        EventTime = EventTime,
        EventId = "purchase_58213",
        ActionSource = "website",
        Value = 49.90m,
        Currency = "eur",
        OrderId = "58213",
        ClickIds = new Dictionary<string, string> { ["gclid"] = "Cj0KCQjw-test" },
        BrowserIds = new Dictionary<string, string> { ["ga_client_id"] = "1234567890.1782900000", ["ga_session_id"] = "1782906000" },
        UserData = new HashedUserData
        {
            Email = GoogleHash(EmailHash, MetaEmailHash),
            Phone = GoogleHash(PhoneHash),
            ExternalId = GoogleHash(ExternalIdHash),
        },
        Contents = [new ContentItem { Id = "SKU-1", Quantity = 2, Price = 19.95m, Name = "Mug" }, new ContentItem { Id = "SKU-2", Price = 10.00m }],
        Consent = new ConsentState { AdUserData = "granted", AdPersonalization = "granted" },
    };

    public static CanonicalEvent Refund(decimal? refunded = null) => new()
    {
        EventName = "Refund",
        EventTime = EventTime + 86400,
        EventId = "refund_9001",
        ActionSource = "system_generated",
        Value = refunded,
        Currency = "EUR",
        OrderId = "58213",
        OriginalEventId = "purchase_58213",
    };

    public static DeliveryTarget Target(bool test = false, bool adPersonalizationDenied = false) => new()
    {
        Destination = "google-main",
        Test = test,
        AdPersonalizationDenied = adPersonalizationDenied,
    };

    public static GoogleAdsSettings AdsSettings() => new()
    {
        CustomerId = "123-456-7890",
        LoginCustomerId = "999-888-7777",
        DeveloperToken = "dev-token-secret",
        ConversionActions = new Dictionary<string, string> { ["Purchase"] = "111", ["Lead"] = "222" },
    };

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The same JSON without insignificant whitespace, so goldens can be written readably.</summary>
    public static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString(Relaxed);

    public static JsonNode Node(string? json) => JsonNode.Parse(json!)!;
}
