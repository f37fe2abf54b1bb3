using Pipeline.Destinations.GoogleAds;
using Pipeline.Events;
using Pipeline.Identity;
using static Pipeline.UnitTests.Destinations.GoogleAddressTestData;
using static Pipeline.UnitTests.Destinations.GoogleAds.GoogleTestData;

namespace Pipeline.UnitTests.Destinations.GoogleAds;

/// <summary>Enhanced conversions for leads: a click conversion carries the buyer's address as an addressInfo identifier.</summary>
public sealed class GoogleAdsAddressTests
{
    private static string Body(CanonicalEvent e) =>
        GoogleAdsRequestBuilder.BuildClickConversions([(e, Target())], AdsSettings(), "ya29.access").Body!;

    [Fact]
    public void Purchase_with_an_address_sends_hashed_names_with_country_and_postal_code_as_address_info()
    {
        Assert.Equal(Compact($$"""
            {
              "conversions": [
                {
                  "gclid": "Cj0KCQjw-test",
                  "conversionAction": "customers/1234567890/conversionActions/111",
                  "conversionDateTime": "2026-07-01 12:00:00+00:00",
                  "conversionValue": 49.90,
                  "currencyCode": "EUR",
                  "orderId": "58213",
                  "userIdentifiers": [
                    { "hashedEmail": "{{EmailHash}}" },
                    { "hashedPhoneNumber": "{{PhoneHash}}" },
                    { "addressInfo": {
                        "hashedFirstName": "{{DanaHash}}",
                        "hashedLastName": "{{MillerHash}}",
                        "countryCode": "US",
                        "postalCode": "94043" } }
                  ],
                  "consent": { "adUserData": "GRANTED" }
                }
              ],
              "partialFailure": true
            }
            """), Body(PurchaseWithAddress()));
    }

    [Fact]
    public void Address_without_a_country_is_not_sent_because_google_matches_on_all_four_parts()
    {
        var identifiers = Node(Body(PurchaseWithAddress(country: null)))["conversions"]![0]!["userIdentifiers"]!.AsArray();

        Assert.DoesNotContain(identifiers, i => i!.AsObject().ContainsKey("addressInfo"));
    }

    [Fact]
    public void Address_is_not_sent_when_the_visitor_denied_sharing_user_data()
    {
        var denied = PurchaseWithAddress() with { Consent = new ConsentState { AdUserData = "denied" } };

        Assert.DoesNotContain("addressInfo", Body(denied));
    }

    [Fact]
    public void Conversion_without_a_click_is_uploaded_on_its_address_alone()
    {
        var addressOnly = PurchaseWithAddress() with
        {
            ClickIds = null,
            UserData = PurchaseWithAddress().UserData! with { Email = null, Phone = null },
        };

        Assert.Null(GoogleAdsEventValidator.Validate(addressOnly, Target(), AdsSettings(), Now));
        Assert.Contains("addressInfo", Body(addressOnly));
    }
}
