using Pipeline.Destinations.TikTok;
using Pipeline.Events;
using static Pipeline.UnitTests.Destinations.TikTok.TikTokTestEvents;

namespace Pipeline.UnitTests.Destinations.TikTok;

public class TikTokRequestBuilderTests
{
    [Fact]
    public void Purchase_with_every_identifier_matches_the_golden_body()
    {
        var request = TikTokRequestBuilder.Build(Purchase(), Target(), Settings());

        GoldenJson.AssertEqual("""
            {
              "event_source": "web",
              "event_source_id": "C9ABCDEF12345",
              "data": [
                {
                  "event": "Purchase",
                  "event_time": 1788264000,
                  "event_id": "purchase_58213",
                  "user": {
                    "email": "ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976",
                    "phone": "1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8",
                    "external_id": "2b1cb0b84296c10ce6cc722d09a874d1f0cc1865615cb94ee50e62354aec017b",
                    "ttclid": "E.C.P.v3Zx9",
                    "ttp": "2Xq9Lm-ttp",
                    "ip": "203.0.113.7",
                    "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)"
                  },
                  "properties": {
                    "currency": "EUR",
                    "value": 59.90,
                    "contents": [
                      { "content_id": "SKU-1", "quantity": 2, "price": 19.95 },
                      { "content_id": "SKU-2", "quantity": 1, "price": 20.00 }
                    ],
                    "content_type": "product",
                    "order_id": "58213"
                  },
                  "page": {
                    "url": "https://shop.example/checkout/thank-you?order=58213&lang=fr",
                    "referrer": "https://www.tiktok.com/"
                  },
                  "limited_data_use": false
                }
              ]
            }
            """, request.Body);
    }

    [Fact]
    public void Request_posts_to_event_track_with_the_token_in_a_secret_header()
    {
        var request = TikTokRequestBuilder.Build(Purchase(), Target(), Settings());

        Assert.Equal("POST", request.Method);
        Assert.Equal("https://business-api.tiktok.com/open_api/v1.3/event/track/", request.Url);
        Assert.Equal("tt-token", request.Headers["Access-Token"]);
        Assert.Contains("Access-Token", request.SecretHeaders);
    }

    [Fact]
    public void Redacted_request_hides_the_access_token()
    {
        var redacted = TikTokRequestBuilder.Build(Purchase(), Target(), Settings()).Redacted();

        Assert.Equal("***", redacted.Headers["Access-Token"]);
        Assert.DoesNotContain("tt-token", redacted.Body);
    }

    [Fact]
    public void Configured_base_url_and_version_shape_the_url()
    {
        var settings = Settings();
        settings.BaseUrl = "http://127.0.0.1:5002/";
        settings.ApiVersion = "v1.4";

        Assert.Equal("http://127.0.0.1:5002/open_api/v1.4/event/track/", TikTokRequestBuilder.Build(Purchase(), Target(), settings).Url);
    }

    [Fact]
    public void Limited_data_use_and_test_code_are_sent()
    {
        var settings = Settings();
        settings.TestEventCode = "TEST7777";
        var evt = new CanonicalEvent
        {
            EventName = "AddToCart", EventTime = EventTime, EventId = "atc_1", ActionSource = "website",
            EventSourceUrl = "https://shop.example/p/1", ClientIpAddress = "203.0.113.7", Test = true,
        };

        var request = TikTokRequestBuilder.Build(evt, Target() with { LimitedDataUse = true, Test = true }, settings);

        GoldenJson.AssertEqual("""
            {
              "event_source": "web",
              "event_source_id": "C9ABCDEF12345",
              "test_event_code": "TEST7777",
              "data": [
                {
                  "event": "AddToCart",
                  "event_time": 1788264000,
                  "event_id": "atc_1",
                  "user": { "ip": "203.0.113.7" },
                  "page": { "url": "https://shop.example/p/1" },
                  "limited_data_use": true
                }
              ]
            }
            """, request.Body);
    }

    [Fact]
    public void Phone_order_goes_to_the_offline_event_set()
    {
        var settings = Settings();
        settings.OfflineEventSetId = "7300000000000000001";
        var evt = Purchase() with { ActionSource = "phone_call", EventSourceUrl = null, ReferrerUrl = null, ClientUserAgent = null, ClientIpAddress = null };

        var request = TikTokRequestBuilder.Build(evt, Target(), settings);

        Assert.StartsWith("""{"event_source":"offline","event_source_id":"7300000000000000001","data":""", request.Body);
        Assert.DoesNotContain("\"page\"", request.Body);
    }

    [Theory]
    [InlineData("website", "web")]
    [InlineData("app", "app")]
    [InlineData("physical_store", "offline")]
    [InlineData("phone_call", "offline")]
    [InlineData("chat", "offline")]
    [InlineData("email", "offline")]
    [InlineData("system_generated", "offline")]
    [InlineData("business_messaging", "offline")]
    [InlineData("other", "offline")]
    public void Action_source_maps_to_a_tiktok_event_source(string actionSource, string eventSource) =>
        Assert.Equal(eventSource, TikTokEventSources.For(actionSource));

    [Fact]
    public void Website_event_without_url_uses_the_configured_fallback()
    {
        var settings = Settings();
        settings.EventSourceUrlFallback = "https://shop.example/";

        var request = TikTokRequestBuilder.Build(Purchase() with { EventSourceUrl = null, ReferrerUrl = null }, Target(), settings);

        Assert.Contains("\"page\":{\"url\":\"https://shop.example/\"}", request.Body);
    }

    [Fact]
    public void Web_and_offline_events_cannot_share_a_request()
    {
        var settings = Settings();
        settings.OfflineEventSetId = "7300000000000000001";

        Assert.Throws<ArgumentException>(() => TikTokRequestBuilder.Build(
            [(Purchase(), Target()), (Purchase() with { ActionSource = "physical_store" }, Target())], settings));
    }

    [Fact]
    public void Batch_over_a_thousand_events_is_refused()
    {
        var events = Enumerable.Range(0, TikTokRequestBuilder.MaxEventsPerRequest + 1).Select(_ => (Purchase(), Target())).ToList();

        Assert.Throws<ArgumentException>(() => TikTokRequestBuilder.Build(events, Settings()));
    }

    [Fact]
    public void Refund_has_no_tiktok_event_and_is_not_built() =>
        Assert.Throws<ArgumentException>(() => TikTokRequestBuilder.Build(Purchase() with { EventName = "Refund" }, Target(), Settings()));
}
