using Pipeline.Destinations;
using Pipeline.Destinations.Ga4;
using Pipeline.Events;
using Pipeline.Identity;
using static Pipeline.UnitTests.Destinations.GoogleAds.GoogleTestData;

namespace Pipeline.UnitTests.Destinations.Ga4;

public sealed class Ga4RequestBuilderTests
{
    private static Ga4Settings Settings(bool debug = false) => new()
    {
        MeasurementId = "G-TEST123",
        ApiSecret = "s3cr3t",
        DebugMode = debug,
    };

    private static OutgoingRequest Build(CanonicalEvent e, DeliveryTarget? t = null, Ga4Settings? s = null) =>
        Ga4RequestBuilder.Build(e, t ?? Target(), s ?? Settings());

    [Fact]
    public void Purchase_is_sent_with_client_and_session_ids_consent_user_data_and_items()
    {
        var request = Build(Purchase());

        Assert.Equal("POST", request.Method);
        Assert.Equal("https://www.google-analytics.com/mp/collect?measurement_id=G-TEST123&api_secret=s3cr3t", request.Url);
        Assert.Equal(Compact("""
            {
              "client_id": "1234567890.1782900000",
              "timestamp_micros": 1782907200000000,
              "consent": { "ad_user_data": "GRANTED", "ad_personalization": "GRANTED" },
              "user_data": {
                "sha256_email_address": [ "1df6b43bc68dd38eca94e6a65b4f466ae537b796c81a526918b40ac4a7b906c7" ],
                "sha256_phone_number": [ "fb4f73a6ec5fdb7077d564cdd22c3554b43ce49168550c3b12c547b78c517b30" ]
              },
              "events": [
                {
                  "name": "purchase",
                  "params": {
                    "transaction_id": "58213",
                    "value": 49.90,
                    "currency": "EUR",
                    "items": [
                      { "item_id": "SKU-1", "item_name": "Mug", "quantity": 2, "price": 19.95 },
                      { "item_id": "SKU-2", "quantity": 1, "price": 10.00 }
                    ],
                    "session_id": "1782906000",
                    "engagement_time_msec": 1
                  }
                }
              ]
            }
            """), request.Body);
    }

    [Fact]
    public void Debug_mode_and_test_events_go_to_the_validation_endpoint()
    {
        const string debugUrl = "https://www.google-analytics.com/debug/mp/collect?measurement_id=G-TEST123&api_secret=s3cr3t";

        Assert.Equal(debugUrl, Build(Purchase(), s: Settings(debug: true)).Url);
        Assert.Equal(debugUrl, Build(Purchase(), Target(test: true)).Url);
        Assert.Equal(debugUrl, Build(Purchase() with { Test = true }).Url);
    }

    [Fact]
    public void Eu_collection_host_comes_from_settings()
    {
        var s = Settings();
        s.BaseUrl = "https://region1.google-analytics.com/";
        Assert.StartsWith("https://region1.google-analytics.com/mp/collect?", Build(Purchase(), s: s).Url);
    }

    [Fact]
    public void Redacted_request_hides_the_api_secret()
    {
        var redacted = Build(Purchase()).Redacted();

        Assert.Equal("https://www.google-analytics.com/mp/collect?measurement_id=G-TEST123&api_secret=***", redacted.Url);
        Assert.DoesNotContain("s3cr3t", redacted.Url);
    }

    [Theory]
    [InlineData("Purchase", "purchase")]
    [InlineData("Refund", "refund")]
    [InlineData("AddToCart", "add_to_cart")]
    [InlineData("InitiateCheckout", "begin_checkout")]
    [InlineData("ViewContent", "view_item")]
    [InlineData("Lead", "generate_lead")]
    [InlineData("CompleteRegistration", "sign_up")]
    [InlineData("AddPaymentInfo", "add_payment_info")]
    [InlineData("SomethingCustom", "something_custom")]
    public void Standard_event_names_map_to_ga4_names(string standard, string ga4) =>
        Assert.Equal(ga4, Ga4EventNames.For(standard));

    [Fact]
    public void Target_mapping_overrides_the_standard_name()
    {
        var body = Node(Build(Purchase() with { EventName = "Subscribe" }, Target() with { EventName = "subscription_start" }).Body);
        Assert.Equal("subscription_start", (string?)body["events"]![0]!["name"]);
    }

    [Fact]
    public void Refund_carries_the_purchase_transaction_id()
    {
        var refund = Refund(19.95m) with { OrderId = null };
        var body = Node(Build(refund with { BrowserIds = Purchase().BrowserIds }).Body);

        Assert.Equal(Compact("""
            { "transaction_id": "purchase_58213", "value": 19.95, "currency": "EUR", "session_id": "1782906000", "engagement_time_msec": 1 }
            """), body["events"]![0]!["params"]!.ToJsonString());
    }

    [Fact]
    public void Non_transaction_event_has_no_transaction_id()
    {
        var body = Node(Build(Purchase() with { EventName = "AddToCart" }).Body);
        Assert.Null(body["events"]![0]!["params"]!["transaction_id"]);
    }

    [Fact]
    public void Denied_ad_user_data_sends_no_user_data()
    {
        var e = Purchase() with { Consent = new ConsentState { AdUserData = "denied" } };
        var body = Node(Build(e, Target(adPersonalizationDenied: true)).Body);

        Assert.Null(body["user_data"]);
        Assert.Equal(Compact("""{ "ad_user_data": "DENIED", "ad_personalization": "DENIED" }"""), body["consent"]!.ToJsonString());
    }

    [Fact]
    public void Ad_user_data_granted_and_personalization_denied_are_both_told()
    {
        var e = Purchase() with { Consent = new ConsentState { AdStorage = "granted", AdUserData = "granted", AdPersonalization = "denied" } };
        var body = Node(Build(e, Target(adPersonalizationDenied: true)).Body);

        Assert.Equal(Compact("""{ "ad_user_data": "GRANTED", "ad_personalization": "DENIED" }"""), body["consent"]!.ToJsonString());
    }

    [Fact]
    public void Ad_storage_answers_for_both_ad_signals_when_the_banner_asked_one_question()
    {
        var body = Node(Build(Purchase() with { Consent = new ConsentState { AdStorage = "granted", AnalyticsStorage = "granted" } }).Body);

        Assert.Equal(Compact("""{ "ad_user_data": "GRANTED", "ad_personalization": "GRANTED" }"""), body["consent"]!.ToJsonString());
    }

    [Fact]
    public void Unknown_consent_and_missing_session_are_left_out()
    {
        var e = Purchase() with { Consent = null, BrowserIds = new Dictionary<string, string> { ["ga_client_id"] = "1.2" } };
        var body = Node(Build(e).Body);

        Assert.Null(body["consent"]);
        Assert.Null(body["events"]![0]!["params"]!["session_id"]);
    }

    [Fact]
    public void User_id_is_the_external_id_hash_only_when_enabled()
    {
        var s = Settings();
        Assert.Null(Node(Build(Purchase(), s: s).Body)["user_id"]);

        s.ExternalIdAsUserId = true;
        Assert.Equal(ExternalIdHash, (string?)Node(Build(Purchase(), s: s).Body)["user_id"]);
    }

    [Fact]
    public void Webhook_order_without_ga_cookie_gets_a_stable_client_id_from_its_visitor()
    {
        var e = Purchase() with { BrowserIds = null, VisitorIds = ["v-abc"] };
        var first = (string?)Node(Build(e).Body)["client_id"];
        var again = (string?)Node(Build(e with { EventId = "other" }).Body)["client_id"];
        var otherVisitor = (string?)Node(Build(e with { VisitorIds = ["v-xyz"] }).Body)["client_id"];

        Assert.Matches(@"^\d+\.\d+$", first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, otherVisitor);
        Assert.True(Ga4ClientId.IsDerived(e));
    }

    [Fact]
    public void Client_id_falls_back_to_the_external_id_hash()
    {
        var e = Purchase() with { BrowserIds = null, VisitorIds = null };
        Assert.Equal(Ga4ClientId.For(e), Ga4ClientId.For(e with { UserData = new HashedUserData { ExternalId = GoogleHash(ExternalIdHash) } }));
        Assert.Null(Ga4ClientId.For(e with { UserData = null }));
    }
}
