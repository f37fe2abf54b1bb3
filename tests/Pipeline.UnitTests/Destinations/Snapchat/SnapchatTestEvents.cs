using Pipeline.Destinations;
using Pipeline.Destinations.Snapchat;
using Pipeline.Events;
using Pipeline.Identity;

namespace Pipeline.UnitTests.Destinations.Snapchat;

/// <summary>Events and settings for the Snapchat tests. Hashes are real SHA-256 digests of normalized sample values.</summary>
internal static class SnapchatTestEvents
{
    public static readonly DateTimeOffset Now = new(2026, 9, 1, 12, 5, 0, TimeSpan.Zero);
    public const long EventTime = 1788264000; // 2026-09-01T12:00:00Z

    public const string Email = "ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976";
    public const string Phone = "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176";
    public const string OtherPhone = "1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8";
    public const string FirstName = "2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90";
    public const string LastName = "6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd";
    public const string ExternalId = "2b1cb0b84296c10ce6cc722d09a874d1f0cc1865615cb94ee50e62354aec017b";

    public const string ScClickId = "a1b2c3d4-5678-90ab-cdef-1234567890ab";
    public const string ScCookie = "6e2f6a3c-1b7d-4a8e-9f0c-2d3e4f5a6b7c";
    public const string UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)";

    public static SnapchatSettings Settings() => new()
    {
        PixelId = "8b1a2c3d-pixel",
        AccessToken = "snap-token",
    };

    public static DeliveryTarget Target() => new() { Destination = "snapchat-main" };

    /// <summary>A website purchase with identifiers, the Snap click id and cookie, value, currency and contents.</summary>
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
        ClickIds = new Dictionary<string, string> { ["ScCid"] = ScClickId, ["fbclid"] = "IwAR2F4" },
        BrowserIds = new Dictionary<string, string> { ["scid"] = ScCookie, ["fbp"] = "fb.1.1787000000000.1098115397" },
        UserData = new HashedUserData
        {
            Email = Variants(Email, Email),
            Phone = Variants(Phone, OtherPhone),
            FirstName = Variants(FirstName, FirstName),
            LastName = Variants(LastName, LastName),
            ExternalId = Variants(ExternalId, ExternalId),
        },
        ClientIpAddress = "203.0.113.7",
        ClientUserAgent = UserAgent,
        Country = "US",
    };

    /// <summary>Snap's rules are Meta's: the Meta hash, and a different one for the others to prove it is picked.</summary>
    private static HashVariants Variants(string meta, string others) => new()
    {
        [HashRules.Meta] = meta,
        [HashRules.TikTok] = others,
        [HashRules.Google] = others,
    };
}
