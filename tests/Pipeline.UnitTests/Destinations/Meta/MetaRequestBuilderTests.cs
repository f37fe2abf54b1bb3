using Pipeline.Destinations;
using Pipeline.Destinations.Meta;
using Pipeline.Events;
using static Pipeline.UnitTests.Destinations.Meta.MetaTestEvents;

namespace Pipeline.UnitTests.Destinations.Meta;

public class MetaRequestBuilderTests
{
    [Fact]
    public void Purchase_with_every_identifier_matches_the_golden_body()
    {
        var request = MetaRequestBuilder.Build(Purchase(), Target(), Settings());

        GoldenJson.AssertEqual("""
            {
              "data": [
                {
                  "event_name": "Purchase",
                  "event_time": 1788264000,
                  "event_id": "purchase_58213",
                  "action_source": "website",
                  "event_source_url": "https://shop.example/checkout/thank-you?order=58213&lang=fr",
                  "user_data": {
                    "em": ["ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976"],
                    "ph": ["e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176"],
                    "fn": ["2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90"],
                    "ln": ["6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd"],
                    "ge": ["252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111"],
                    "db": ["d6165fc8037886424321260c0f9c2a76f7d8d545a02f95c70da9952a13299f33"],
                    "ct": ["350c754ba4d38897693aa077ef43072a859d23f613443133fecbbd90a3512ca5"],
                    "st": ["1b06e2003f8420d6fa42badd8f77ec0f706b976b7a48b13c567dc5a559681683"],
                    "zp": ["e443169117a184f91186b401133b20be670c7c0896f9886075e5d9b81e9d076b"],
                    "country": ["79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621"],
                    "external_id": ["2b1cb0b84296c10ce6cc722d09a874d1f0cc1865615cb94ee50e62354aec017b"],
                    "client_ip_address": "203.0.113.7",
                    "client_user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)",
                    "fbc": "fb.1.1788000000000.IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYX",
                    "fbp": "fb.1.1787000000000.1098115397"
                  },
                  "custom_data": {
                    "value": 59.90,
                    "currency": "EUR",
                    "content_ids": ["SKU-1", "SKU-2"],
                    "contents": [
                      { "id": "SKU-1", "quantity": 2, "item_price": 19.95 },
                      { "id": "SKU-2", "quantity": 1, "item_price": 20.00 }
                    ],
                    "content_type": "product",
                    "order_id": "58213",
                    "num_items": 3
                  }
                }
              ]
            }
            """, request.Body);
    }

    [Fact]
    public void Request_posts_to_the_pixel_events_edge_with_the_token_as_a_secret_query_parameter()
    {
        var request = MetaRequestBuilder.Build(Purchase(), Target(), Settings());

        Assert.Equal("POST", request.Method);
        Assert.Equal("https://graph.facebook.com/v26.0/1234567890/events?access_token=test-token", request.Url);
        Assert.Equal("application/json", request.ContentType);
        Assert.Contains("access_token", request.SecretQueryParameters);
        Assert.Empty(request.Headers);
    }

    [Fact]
    public void App_secret_adds_an_hmac_proof_of_the_token()
    {
        var settings = Settings();
        settings.AppSecret = "app-secret";
        settings.BaseUrl = "http://127.0.0.1:5001/";
        settings.ApiVersion = "v27.0";

        var request = MetaRequestBuilder.Build(Purchase(), Target(), settings);

        // Expected value computed independently: HMAC-SHA256(key "app-secret", message "test-token").
        Assert.Equal("http://127.0.0.1:5001/v27.0/1234567890/events?access_token=test-token"
            + "&appsecret_proof=5957479463cc188aeb65506273f5d217f084495eda7bd8b32b8b6de4a5b33e7d", request.Url);
    }

    [Fact]
    public void Redacted_request_hides_token_and_proof_but_keeps_the_body()
    {
        var settings = Settings();
        settings.AppSecret = "app-secret";
        var request = MetaRequestBuilder.Build(Purchase(), Target(), settings);

        var redacted = request.Redacted();

        Assert.Equal("https://graph.facebook.com/v26.0/1234567890/events?access_token=***&appsecret_proof=***", redacted.Url);
        Assert.DoesNotContain("test-token", redacted.Url);
        Assert.Equal(request.Body, redacted.Body);
    }

    [Fact]
    public void Limited_data_use_adds_ldu_with_geolocation()
    {
        var evt = new CanonicalEvent
        {
            EventName = "Lead", EventTime = EventTime, EventId = "lead_7", ActionSource = "system_generated",
            ClientIpAddress = "203.0.113.7",
        };

        var request = MetaRequestBuilder.Build(evt, Target() with { LimitedDataUse = true }, Settings());

        GoldenJson.AssertEqual("""
            {
              "data": [
                {
                  "event_name": "Lead",
                  "event_time": 1788264000,
                  "event_id": "lead_7",
                  "action_source": "system_generated",
                  "user_data": { "client_ip_address": "203.0.113.7" },
                  "data_processing_options": ["LDU"],
                  "data_processing_options_country": 0,
                  "data_processing_options_state": 0
                }
              ]
            }
            """, request.Body);
    }

    [Fact]
    public void Test_target_sends_the_configured_test_event_code()
    {
        var settings = Settings();
        settings.TestEventCode = "TEST4242";
        var evt = new CanonicalEvent
        {
            EventName = "AddToCart", EventTime = EventTime, EventId = "atc_1", ActionSource = "website",
            EventSourceUrl = "https://shop.example/p/1", ClientUserAgent = UserAgent, Test = true,
        };

        var request = MetaRequestBuilder.Build(evt, Target() with { Test = true }, settings);

        GoldenJson.AssertEqual("""
            {
              "data": [
                {
                  "event_name": "AddToCart",
                  "event_time": 1788264000,
                  "event_id": "atc_1",
                  "action_source": "website",
                  "event_source_url": "https://shop.example/p/1",
                  "user_data": { "client_user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)" }
                }
              ],
              "test_event_code": "TEST4242"
            }
            """, request.Body);
    }

    [Fact]
    public void Live_target_never_sends_the_test_event_code()
    {
        var settings = Settings();
        settings.TestEventCode = "TEST4242";

        var request = MetaRequestBuilder.Build(Purchase(), Target(), settings);

        Assert.DoesNotContain("test_event_code", request.Body);
    }

    [Fact]
    public void Target_event_name_overrides_the_standard_mapping()
    {
        var request = MetaRequestBuilder.Build(Purchase(), Target() with { EventName = "ShopPurchase" }, Settings());

        Assert.StartsWith("""{"data":[{"event_name":"ShopPurchase",""", request.Body);
    }

    [Fact]
    public void Malformed_fbc_is_left_out_rather_than_failing_the_request()
    {
        var evt = Purchase() with
        {
            BrowserIds = new Dictionary<string, string> { ["fbc"] = "IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYX", ["fbp"] = Fbp },
        };

        var request = MetaRequestBuilder.Build(evt, Target(), Settings());

        Assert.DoesNotContain("\"fbc\"", request.Body);
        Assert.Contains($"\"fbp\":\"{Fbp}\"", request.Body);
    }

    [Theory]
    [InlineData("fb.1.1788000000000.IwAR2F4-dbP0l7Mn1Iaw", true)]
    [InlineData("fb.2.1788000000000.IwAR2F4-dbP0l7Mn1Iaw.Bg", true)]
    [InlineData("fb.1.1788000000000.AbCdEf_gh", true)]
    [InlineData("fb.1.abc.IwAR2F4", false)]
    [InlineData("fb.12.1788000000000.IwAR2F4", false)]
    [InlineData("fb.1.1788000000000.", false)]
    [InlineData("fb.1.1788000000000.a.b.c", false)]
    [InlineData("IwAR2F4-dbP0l7Mn1Iaw", false)]
    [InlineData("fb.1.1788000000000.Iw AR", false)]
    public void Fbc_is_forwarded_untouched_only_when_well_formed(string fbc, bool kept) =>
        Assert.Equal(kept ? fbc : null, MetaNormalizer.Fbc(fbc));

    [Fact]
    public void Value_that_is_not_a_hash_never_reaches_a_hashed_field()
    {
        var evt = Purchase() with
        {
            UserData = new Pipeline.Identity.HashedUserData
            {
                Email = new Pipeline.Identity.HashVariants { [Pipeline.Identity.HashRules.PreHashed] = "not-a-hash" },
                ExternalId = new Pipeline.Identity.HashVariants { [Pipeline.Identity.HashRules.PreHashed] = ExternalId.ToUpperInvariant() },
            },
        };

        var request = MetaRequestBuilder.Build(evt, Target(), Settings());

        Assert.DoesNotContain("not-a-hash", request.Body);
        Assert.DoesNotContain("\"em\"", request.Body);
        Assert.Contains($"\"external_id\":[\"{ExternalId}\"]", request.Body);
    }

    [Fact]
    public void Website_event_without_url_uses_the_configured_fallback()
    {
        var settings = Settings();
        settings.EventSourceUrlFallback = "https://shop.example/";

        var request = MetaRequestBuilder.Build(Purchase() with { EventSourceUrl = null }, Target(), settings);

        Assert.Contains("\"event_source_url\":\"https://shop.example/\"", request.Body);
    }

    [Fact]
    public void Batch_puts_every_event_in_one_data_array()
    {
        var second = Purchase() with { EventId = "purchase_58214", OrderId = "58214" };

        var request = MetaRequestBuilder.Build([(Purchase(), Target()), (second, Target())], Settings());

        Assert.Contains("\"event_id\":\"purchase_58213\"", request.Body);
        Assert.Contains("\"event_id\":\"purchase_58214\"", request.Body);
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(request.Body!).RootElement.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public void Batch_over_a_thousand_events_is_refused()
    {
        var events = Enumerable.Range(0, MetaRequestBuilder.MaxEventsPerRequest + 1).Select(_ => (Purchase(), Target())).ToList();

        Assert.Throws<ArgumentException>(() => MetaRequestBuilder.Build(events, Settings()));
    }

    [Fact]
    public void Test_and_live_events_cannot_share_a_request()
    {
        var settings = Settings();
        settings.TestEventCode = "TEST4242";

        Assert.Throws<ArgumentException>(() =>
            MetaRequestBuilder.Build([(Purchase(), Target()), (Purchase(), Target() with { Test = true })], settings));
    }

    [Fact]
    public void Refund_has_no_meta_event_and_is_not_built()
    {
        Assert.Null(MetaEventNames.Map.Resolve(Purchase() with { EventName = "Refund" }, Target()));
        Assert.Throws<ArgumentException>(() => MetaRequestBuilder.Build(Purchase() with { EventName = "Refund" }, Target(), Settings()));
    }
}
