using Pipeline.Destinations;
using Pipeline.Destinations.GoogleAds;
using Pipeline.Events;
using Pipeline.Identity;
using static Pipeline.UnitTests.Destinations.GoogleAds.GoogleTestData;

namespace Pipeline.UnitTests.Destinations.GoogleAds;

public sealed class GoogleAdsRequestBuilderTests
{
    private static OutgoingRequest Build(CanonicalEvent e, DeliveryTarget? t = null, GoogleAdsSettings? s = null) =>
        GoogleAdsRequestBuilder.BuildClickConversions([(e, t ?? Target())], s ?? AdsSettings(), "ya29.access");

    [Fact]
    public void Purchase_with_gclid_is_uploaded_with_google_hashes_consent_and_order_id()
    {
        var request = Build(Purchase());

        Assert.Equal("POST", request.Method);
        Assert.Equal("https://googleads.googleapis.com/v26/customers/1234567890:uploadClickConversions", request.Url);
        Assert.Equal("Bearer ya29.access", request.Headers["Authorization"]);
        Assert.Equal("dev-token-secret", request.Headers["developer-token"]);
        Assert.Equal("9998887777", request.Headers["login-customer-id"]);
        Assert.Equal(Compact("""
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
                    { "hashedEmail": "1df6b43bc68dd38eca94e6a65b4f466ae537b796c81a526918b40ac4a7b906c7" },
                    { "hashedPhoneNumber": "fb4f73a6ec5fdb7077d564cdd22c3554b43ce49168550c3b12c547b78c517b30" }
                  ],
                  "consent": { "adUserData": "GRANTED" }
                }
              ],
              "partialFailure": true
            }
            """), request.Body);
    }

    [Fact]
    public void Lead_without_click_or_value_is_uploaded_with_identifiers_and_event_id_as_order_id()
    {
        var lead = Purchase() with
        {
            EventName = "Lead", EventId = "lead_7", OrderId = null, Value = null, Currency = null, ClickIds = null, Consent = null,
            UserData = new HashedUserData { Email = new HashVariants { [HashRules.PreHashed] = EmailHash } },
        };

        Assert.Equal(Compact("""
            {
              "conversions": [
                {
                  "conversionAction": "customers/1234567890/conversionActions/222",
                  "conversionDateTime": "2026-07-01 12:00:00+00:00",
                  "orderId": "lead_7",
                  "userIdentifiers": [ { "hashedEmail": "1df6b43bc68dd38eca94e6a65b4f466ae537b796c81a526918b40ac4a7b906c7" } ]
                }
              ],
              "partialFailure": true
            }
            """), Build(lead).Body);
    }

    [Theory]
    [InlineData("gclid,gbraid,wbraid", "gclid")]
    [InlineData("gbraid,wbraid", "wbraid")]
    [InlineData("gbraid", "gbraid")]
    [InlineData("wbraid", "wbraid")]
    [InlineData("GCLID,wbraid", "gclid")]
    public void Exactly_one_click_id_is_sent_and_never_gbraid_with_wbraid(string present, string sent)
    {
        var ids = present.Split(',').ToDictionary(n => n, n => "id-of-" + n.ToLowerInvariant());
        var conversion = Node(Build(Purchase() with { ClickIds = ids }).Body)["conversions"]![0]!.AsObject();

        var clickFields = conversion.Select(p => p.Key).Where(k => k is "gclid" or "gbraid" or "wbraid").ToList();
        Assert.Equal(new[] { sent }, clickFields);
        Assert.Equal("id-of-" + sent, (string?)conversion[sent]);
    }

    [Fact]
    public void Conversion_time_is_written_in_utc_with_its_offset()
    {
        var e = Purchase() with { EventTime = 1767225599 }; // 2025-12-31 23:59:59 UTC
        Assert.Equal("2025-12-31 23:59:59+00:00", (string?)Node(Build(e).Body)["conversions"]![0]!["conversionDateTime"]);
    }

    [Fact]
    public void Personalization_denied_gives_ad_user_data_alone_because_click_conversions_do_not_take_ad_personalization()
    {
        var e = Purchase() with { Consent = new ConsentState { AdUserData = "granted", AdPersonalization = "denied" } };
        var consent = Node(Build(e, Target(adPersonalizationDenied: true)).Body)["conversions"]![0]!["consent"]!;
        Assert.Equal(Compact("""{ "adUserData": "GRANTED" }"""), consent.ToJsonString());
    }

    [Fact]
    public void Ad_storage_answers_for_ad_user_data_when_the_banner_asked_one_question()
    {
        var conversion = Node(Build(Purchase() with { Consent = new ConsentState { AdStorage = "granted" } }).Body)["conversions"]![0]!;
        Assert.Equal(Compact("""{ "adUserData": "GRANTED" }"""), conversion["consent"]!.ToJsonString());
    }

    [Fact]
    public void Unknown_consent_is_left_out()
    {
        var conversion = Node(Build(Purchase() with { Consent = new ConsentState { AnalyticsStorage = "granted" } }).Body)["conversions"]![0]!;
        Assert.Null(conversion["consent"]);
        Assert.Null(Node(Build(Purchase() with { Consent = null }).Body)["conversions"]![0]!["consent"]);
    }

    [Fact]
    public void Denied_ad_user_data_sends_the_click_without_user_identifiers()
    {
        var e = Purchase() with { Consent = new ConsentState { AdUserData = "denied", AdPersonalization = "denied" } };
        var conversion = Node(Build(e).Body)["conversions"]![0]!;

        Assert.Null(conversion["userIdentifiers"]);
        Assert.Equal(Compact("""{ "adUserData": "DENIED" }"""), conversion["consent"]!.ToJsonString());
    }

    [Fact]
    public void Validate_only_is_set_by_the_setting_or_a_test_target()
    {
        var bySetting = AdsSettings();
        bySetting.ValidateOnly = true;

        Assert.Equal(true, (bool?)Node(Build(Purchase(), s: bySetting).Body)["validateOnly"]);
        Assert.Equal(true, (bool?)Node(Build(Purchase(), Target(test: true)).Body)["validateOnly"]);
        Assert.Equal(true, (bool?)Node(Build(Purchase() with { Test = true }).Body)["validateOnly"]);
        Assert.Null(Node(Build(Purchase()).Body)["validateOnly"]);
    }

    [Fact]
    public void Test_and_live_events_are_refused_in_one_request()
    {
        Assert.Throws<ArgumentException>(() => GoogleAdsRequestBuilder.BuildClickConversions(
            [(Purchase(), Target()), (Purchase(), Target(test: true))], AdsSettings(), "t"));
    }

    [Fact]
    public void Rows_keep_request_order_for_the_answer_to_align_with()
    {
        var rows = Enumerable.Range(1, 3).Select(i => (Purchase() with { OrderId = "o" + i }, Target())).ToList();
        var body = Node(GoogleAdsRequestBuilder.BuildClickConversions(rows, AdsSettings(), "t").Body);

        Assert.Equal(new[] { "o1", "o2", "o3" }, body["conversions"]!.AsArray().Select(c => (string?)c!["orderId"]));
    }

    [Fact]
    public void Login_customer_id_header_is_absent_without_a_manager_account()
    {
        var s = AdsSettings();
        s.LoginCustomerId = null;
        Assert.False(Build(Purchase(), s: s).Headers.ContainsKey("login-customer-id"));
    }

    [Fact]
    public void Base_url_and_version_come_from_settings()
    {
        var s = AdsSettings();
        s.BaseUrl = "http://127.0.0.1:5000/";
        s.ApiVersion = "v27";
        Assert.Equal("http://127.0.0.1:5000/v27/customers/1234567890:uploadClickConversions", Build(Purchase(), s: s).Url);
    }

    [Fact]
    public void Redacted_request_hides_the_access_and_developer_tokens()
    {
        var redacted = Build(Purchase()).Redacted();

        Assert.Equal("***", redacted.Headers["Authorization"]);
        Assert.Equal("***", redacted.Headers["developer-token"]);
        Assert.Equal("9998887777", redacted.Headers["login-customer-id"]);
        Assert.DoesNotContain("ya29.access", redacted.Body);
    }

    [Fact]
    public void Full_refund_retracts_the_original_order()
    {
        var request = GoogleAdsRequestBuilder.BuildConversionAdjustments([(Refund(49.90m), Target())], AdsSettings(), "ya29.access");

        Assert.Equal("https://googleads.googleapis.com/v26/customers/1234567890:uploadConversionAdjustments", request.Url);
        Assert.Equal(new[] { "Authorization", "developer-token" }, request.SecretHeaders);
        Assert.Equal(Compact("""
            {
              "conversionAdjustments": [
                {
                  "conversionAction": "customers/1234567890/conversionActions/111",
                  "adjustmentType": "RETRACTION",
                  "adjustmentDateTime": "2026-07-02 12:00:00+00:00",
                  "orderId": "58213"
                }
              ],
              "partialFailure": true
            }
            """), request.Body);
    }

    [Fact]
    public void Partial_refund_with_known_current_value_restates_the_remaining_value()
    {
        var current = new Dictionary<string, decimal> { ["58213"] = 49.90m };
        var request = GoogleAdsRequestBuilder.BuildConversionAdjustments(
            [(Refund(19.95m), Target(test: true))], AdsSettings(), "t", current);

        Assert.Equal(Compact("""
            {
              "conversionAdjustments": [
                {
                  "conversionAction": "customers/1234567890/conversionActions/111",
                  "adjustmentType": "RESTATEMENT",
                  "adjustmentDateTime": "2026-07-02 12:00:00+00:00",
                  "orderId": "58213",
                  "restatementValue": { "adjustedValue": 29.95, "currencyCode": "EUR" }
                }
              ],
              "partialFailure": true,
              "validateOnly": true
            }
            """), request.Body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("49.90")]
    [InlineData("60")]
    public void Refund_of_everything_or_of_an_unknown_amount_retracts(string? refunded)
    {
        var current = new Dictionary<string, decimal> { ["58213"] = 49.90m };
        var request = GoogleAdsRequestBuilder.BuildConversionAdjustments(
            [(Refund(refunded is null ? null : decimal.Parse(refunded, System.Globalization.CultureInfo.InvariantCulture)), Target())],
            AdsSettings(), "t", current);

        Assert.Equal("RETRACTION", (string?)Node(request.Body)["conversionAdjustments"]![0]!["adjustmentType"]);
    }

    [Fact]
    public void Refund_without_order_id_adjusts_the_purchase_by_its_event_id()
    {
        var refund = Refund() with { OrderId = null };
        var request = GoogleAdsRequestBuilder.BuildConversionAdjustments([(refund, Target())], AdsSettings(), "t");

        Assert.Equal("purchase_58213", (string?)Node(request.Body)["conversionAdjustments"]![0]!["orderId"]);
    }

    [Fact]
    public void Mapped_refund_action_is_used_for_adjustments()
    {
        var s = AdsSettings();
        s.ConversionActions["Refund"] = "999";
        var request = GoogleAdsRequestBuilder.BuildConversionAdjustments([(Refund(), Target())], s, "t");

        Assert.Equal("customers/1234567890/conversionActions/999",
            (string?)Node(request.Body)["conversionAdjustments"]![0]!["conversionAction"]);
    }
}
