using Pipeline.Destinations.Ga4;
using Pipeline.Events;
using static Pipeline.UnitTests.Destinations.GoogleAddressTestData;
using static Pipeline.UnitTests.Destinations.GoogleAds.GoogleTestData;

namespace Pipeline.UnitTests.Destinations.Ga4;

/// <summary>GA4 user-provided data: the buyer's address goes in user_data.address, hashed where Google asks.</summary>
public sealed class Ga4AddressTests
{
    private static readonly Ga4Settings Settings = new() { MeasurementId = "G-TEST123", ApiSecret = "s3cr3t" };

    [Fact]
    public void Purchase_with_an_address_sends_hashed_names_and_street_with_unhashed_city_region_postal_code_and_country()
    {
        var body = Ga4RequestBuilder.Build(PurchaseWithAddress(), Target(), Settings).Body!;

        Assert.Equal(Compact($$"""
            {
              "sha256_email_address": [ "{{EmailHash}}" ],
              "sha256_phone_number": [ "{{PhoneHash}}" ],
              "address": [
                {
                  "sha256_first_name": "{{DanaHash}}",
                  "sha256_last_name": "{{MillerHash}}",
                  "sha256_street": "{{StreetHash}}",
                  "city": "mountain view",
                  "region": "ca",
                  "postal_code": "94043",
                  "country": "US"
                }
              ]
            }
            """), Node(body)["user_data"]!.ToJsonString());
    }

    [Fact]
    public void Address_is_not_sent_when_the_visitor_denied_sharing_user_data()
    {
        var denied = PurchaseWithAddress() with { Consent = new ConsentState { AdUserData = "denied" } };

        Assert.DoesNotContain("address", Ga4RequestBuilder.Build(denied, Target(), Settings).Body!);
    }
}
