using Pipeline.Destinations;
using Pipeline.Destinations.Pinterest;
using Pipeline.Events;
using Pipeline.Identity;

namespace Pipeline.UnitTests.Destinations.Pinterest;

/// <summary>Events and settings for the Pinterest tests. Hashes are real SHA-256 digests of normalized sample values.</summary>
internal static class PinterestTestEvents
{
    public static readonly DateTimeOffset Now = new(2026, 9, 1, 12, 5, 0, TimeSpan.Zero);
    public const long EventTime = 1788264000; // 2026-09-01T12:00:00Z

    public const string Email = "ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976";
    public const string Phone = "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176";
    public const string ExternalId = "2b1cb0b84296c10ce6cc722d09a874d1f0cc1865615cb94ee50e62354aec017b";
    public const string OtherHash = "1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8";
    public const string UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)";

    public static PinterestSettings Settings() => new() { AdAccountId = "549755885175", AccessToken = "pina-token" };

    public static DeliveryTarget Target() => new() { Destination = "pinterest-main" };

    /// <summary>A website purchase carrying every identifier Pinterest takes.</summary>
    public static CanonicalEvent Purchase() => new()
    {
        EventName = "Purchase",
        EventTime = EventTime,
        EventId = "purchase_58213",
        ActionSource = "website",
        EventSourceUrl = "https://shop.example/checkout/thank-you?order=58213&lang=fr",
        Source = "shopify",
        Value = 59.90m,
        Currency = "EUR",
        OrderId = "58213",
        Contents =
        [
            new ContentItem { Id = "SKU-1", Quantity = 2, Price = 19.95m },
            new ContentItem { Id = "SKU-2", Quantity = 1, Price = 20.00m },
        ],
        ClickIds = new Dictionary<string, string> { ["epik"] = "dj0yJnU9abc-epik", ["fbclid"] = "IwAR2F4" },
        BrowserIds = new Dictionary<string, string> { ["epik"] = "cookie-epik", ["fbp"] = "fb.1.1787000000000.1098115397" },
        UserData = new HashedUserData
        {
            Email = Variants(Email),
            Phone = Variants(Phone),
            ExternalId = Variants(ExternalId),
        },
        ClientIpAddress = "203.0.113.7",
        ClientUserAgent = UserAgent,
        Country = "US",
    };

    /// <summary>Meta's hash (the rule set Pinterest shares) and a different hash for the others, to prove Meta's is picked.</summary>
    private static HashVariants Variants(string meta) => new()
    {
        [HashRules.Meta] = meta,
        [HashRules.TikTok] = OtherHash,
        [HashRules.Google] = OtherHash,
    };
}
