using Pipeline.Destinations;
using Pipeline.Destinations.Meta;
using Pipeline.Events;
using Pipeline.Identity;

namespace Pipeline.UnitTests.Destinations.Meta;

/// <summary>Events and settings for the Meta tests. Hashes are real SHA-256 digests of normalized sample values.</summary>
internal static class MetaTestEvents
{
    public static readonly DateTimeOffset Now = new(2026, 9, 1, 12, 5, 0, TimeSpan.Zero);
    public const long EventTime = 1788264000; // 2026-09-01T12:00:00Z

    public const string Email = "ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976";
    public const string PhoneMeta = "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176";
    public const string PhoneE164 = "1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8";
    public const string FirstName = "2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90";
    public const string LastName = "6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd";
    public const string City = "350c754ba4d38897693aa077ef43072a859d23f613443133fecbbd90a3512ca5";
    public const string State = "1b06e2003f8420d6fa42badd8f77ec0f706b976b7a48b13c567dc5a559681683";
    public const string Zip = "e443169117a184f91186b401133b20be670c7c0896f9886075e5d9b81e9d076b";
    public const string Country = "79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621";
    public const string Gender = "252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111";
    public const string DateOfBirth = "d6165fc8037886424321260c0f9c2a76f7d8d545a02f95c70da9952a13299f33";
    public const string ExternalId = "2b1cb0b84296c10ce6cc722d09a874d1f0cc1865615cb94ee50e62354aec017b";

    public const string Fbc = "fb.1.1788000000000.IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYX";
    public const string Fbp = "fb.1.1787000000000.1098115397";
    public const string UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)";

    public static MetaSettings Settings() => new()
    {
        PixelId = "1234567890",
        AccessToken = "test-token",
    };

    public static DeliveryTarget Target() => new() { Destination = "meta-main" };

    /// <summary>A website purchase carrying every identifier Meta takes.</summary>
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
        ClickIds = new Dictionary<string, string> { ["fbclid"] = "IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYX", ["ttclid"] = "E.C.P.abc" },
        BrowserIds = new Dictionary<string, string> { ["fbc"] = Fbc, ["fbp"] = Fbp, ["ttp"] = "2Xq9-ttp" },
        UserData = new HashedUserData
        {
            Email = Variants(Email, Email),
            Phone = Variants(PhoneMeta, PhoneE164),
            FirstName = Variants(FirstName, FirstName),
            LastName = Variants(LastName, LastName),
            City = Variants(City, City),
            State = Variants(State, State),
            Zip = Variants(Zip, Zip),
            Country = Variants(Country, Country),
            Gender = Variants(Gender, Gender),
            DateOfBirth = Variants(DateOfBirth, DateOfBirth),
            ExternalId = Variants(ExternalId, ExternalId),
        },
        ClientIpAddress = "203.0.113.7",
        ClientUserAgent = UserAgent,
        Country = "US",
    };

    /// <summary>The Meta hash and a different hash for the other platforms, to prove the Meta one is picked.</summary>
    private static HashVariants Variants(string meta, string others) => new()
    {
        [HashRules.Meta] = meta,
        [HashRules.TikTok] = others,
        [HashRules.Google] = others,
    };
}
