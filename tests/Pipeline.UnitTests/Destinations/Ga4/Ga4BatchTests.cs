using Pipeline.Destinations.Ga4;
using Pipeline.Events;
using Pipeline.Identity;
using static Pipeline.UnitTests.Destinations.GoogleAds.GoogleTestData;

namespace Pipeline.UnitTests.Destinations.Ga4;

/// <summary>GA4 takes up to 25 events per request, all of one visitor with the same request-level fields.</summary>
public sealed class Ga4BatchTests
{
    private static readonly Ga4Settings Settings = new() { MeasurementId = "G-TEST123", ApiSecret = "s3cr3t" };

    private static string Key(CanonicalEvent e) => Ga4RequestBuilder.RequestKey(e, Target(), Settings);

    [Fact]
    public void Events_of_one_visitor_share_one_request_with_the_request_fields_written_once()
    {
        var refund = Purchase() with { EventName = "Refund", EventId = "refund_1" };

        var request = Ga4RequestBuilder.Build([(Purchase(), Target()), (refund, Target())], Settings);

        var body = Node(request.Body);
        Assert.Equal("1234567890.1782900000", body["client_id"]!.GetValue<string>());
        Assert.Equal(["purchase", "refund"], body["events"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void One_event_batched_is_byte_for_byte_the_single_event_request()
    {
        Assert.Equal(
            Ga4RequestBuilder.Build(Purchase(), Target(), Settings).Body,
            Ga4RequestBuilder.Build([(Purchase(), Target())], Settings).Body);
    }

    [Fact]
    public void Events_with_different_client_ids_consent_or_user_data_have_different_keys()
    {
        var other = Purchase() with { EventId = "purchase_2" };
        var otherVisitor = Purchase() with { BrowserIds = new Dictionary<string, string> { ["ga_client_id"] = "999.111" } };
        var otherConsent = Purchase() with { Consent = new ConsentState { AdUserData = "denied", AdPersonalization = "granted" } };
        var otherEmail = Purchase() with { UserData = new HashedUserData { Email = GoogleHash(PhoneHash) } };

        Assert.Equal(Key(Purchase()), Key(other));
        Assert.NotEqual(Key(Purchase()), Key(otherVisitor));
        Assert.NotEqual(Key(Purchase()), Key(otherConsent));
        Assert.NotEqual(Key(Purchase()), Key(otherEmail));
    }

    [Fact]
    public void Test_events_go_to_the_debug_endpoint_and_never_batch_with_live_ones()
    {
        Assert.NotEqual(Key(Purchase()), Ga4RequestBuilder.RequestKey(Purchase(), Target(test: true), Settings));
    }

    [Fact]
    public void Events_with_different_request_fields_cannot_be_built_into_one_request()
    {
        var otherVisitor = Purchase() with { BrowserIds = new Dictionary<string, string> { ["ga_client_id"] = "999.111" } };

        Assert.Throws<ArgumentException>(() => Ga4RequestBuilder.Build([(Purchase(), Target()), (otherVisitor, Target())], Settings));
    }
}
