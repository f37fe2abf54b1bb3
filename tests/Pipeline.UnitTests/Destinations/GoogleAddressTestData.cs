using Pipeline.Events;
using Pipeline.Identity;
using static Pipeline.UnitTests.Destinations.GoogleAds.GoogleTestData;

namespace Pipeline.UnitTests.Destinations;

/// <summary>A purchase whose buyer has a full address, hashed at the edge exactly as an order's would be.</summary>
internal static class GoogleAddressTestData
{
    // printf %s 'dana' | sha256sum, and so on.
    public const string DanaHash = "2c9e0a2585dc7406589a3724f0027811506e0f133726303a15d6779d532a2573";
    public const string MillerHash = "d2641888ed6426afd3d3649066cf3614ec2eb63d3ec90ba2e3a54ba2dffa61ca";
    public const string StreetHash = "22b7e2d69b91e0ef4a88e81a73d897b92fd9c93ccfbe0a860f77db16c26f662e";

    public static CanonicalEvent PurchaseWithAddress(string? country = "United States") => Purchase() with
    {
        UserData = UserDataHasher.Hash(new RawUserData
        {
            Email = "DanaM@example.com",
            Phone = "+1-800-555-0100",
            FirstName = " Dana ",
            LastName = "Miller",
            Street = "1600 Amphitheatre Pkwy.",
            City = "Mountain View",
            State = "California",
            Zip = "94043",
            Country = country,
        }, "US", Now),
    };
}
