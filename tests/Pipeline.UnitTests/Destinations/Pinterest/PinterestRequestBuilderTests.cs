using Pipeline.Destinations.Pinterest;
using Pipeline.Events;
using static Pipeline.UnitTests.Destinations.Pinterest.PinterestTestEvents;

namespace Pipeline.UnitTests.Destinations.Pinterest;

public class PinterestRequestBuilderTests
{
    [Fact]
    public void Purchase_with_every_identifier_matches_the_golden_body()
    {
        var request = PinterestRequestBuilder.Build(Purchase(), Target(), Settings());

        GoldenJson.AssertEqual("""
            {
              "data": [
                {
                  "event_name": "checkout",
                  "action_source": "web",
                  "event_time": 1788264000,
                  "event_id": "purchase_58213",
                  "event_source_url": "https://shop.example/checkout/thank-you?order=58213&lang=fr",
                  "user_data": {
                    "em": ["ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976"],
                    "ph": ["e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176"],
                    "external_id": ["2b1cb0b84296c10ce6cc722d09a874d1f0cc1865615cb94ee50e62354aec017b"],
                    "client_ip_address": "203.0.113.7",
                    "client_user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)",
                    "click_id": "dj0yJnU9abc-epik"
                  },
                  "custom_data": {
                    "currency": "EUR",
                    "value": "59.90",
                    "content_ids": ["SKU-1", "SKU-2"],
                    "contents": [
                      { "id": "SKU-1", "item_price": "19.95", "quantity": 2 },
                      { "id": "SKU-2", "item_price": "20.00", "quantity": 1 }
                    ],
                    "num_items": 3,
                    "order_id": "58213"
                  }
                }
              ]
            }
            """, request.Body);
    }

    [Fact]
    public void Request_posts_to_the_ad_accounts_events_with_the_token_as_a_secret_bearer()
    {
        var request = PinterestRequestBuilder.Build(Purchase(), Target(), Settings());

        Assert.Equal("POST", request.Method);
        Assert.Equal("https://api.pinterest.com/v5/ad_accounts/549755885175/events", request.Url);
        Assert.Equal("Bearer pina-token", request.Headers["Authorization"]);
        Assert.Contains("Authorization", request.SecretHeaders);
    }

    [Fact]
    public void Redacted_request_hides_the_token()
    {
        var redacted = PinterestRequestBuilder.Build(Purchase(), Target(), Settings()).Redacted();

        Assert.DoesNotContain("pina-token", redacted.Headers["Authorization"]);
        Assert.DoesNotContain("pina-token", redacted.Url);
        Assert.DoesNotContain("pina-token", redacted.Body);
    }

    [Fact]
    public void Test_events_go_with_test_true_and_an_opt_out_is_sent()
    {
        var settings = Settings();
        settings.BaseUrl = "http://127.0.0.1:5005/";
        var evt = new CanonicalEvent
        {
            EventName = "AddToCart", EventTime = EventTime, EventId = "atc_1", ActionSource = "website",
            ClientIpAddress = "203.0.113.7", ClientUserAgent = UserAgent, Test = true,
        };

        var request = PinterestRequestBuilder.Build(evt, Target() with { LimitedDataUse = true, Test = true }, settings);

        Assert.Equal("http://127.0.0.1:5005/v5/ad_accounts/549755885175/events?test=true", request.Url);
        GoldenJson.AssertEqual("""
            {
              "data": [
                {
                  "event_name": "add_to_cart",
                  "action_source": "web",
                  "event_time": 1788264000,
                  "event_id": "atc_1",
                  "opt_out": true,
                  "user_data": {
                    "client_ip_address": "203.0.113.7",
                    "client_user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)"
                  }
                }
              ]
            }
            """, request.Body);
    }

    [Fact]
    public void The_epik_cookie_is_the_click_id_when_no_click_is_attached()
    {
        var request = PinterestRequestBuilder.Build(Purchase() with { ClickIds = null }, Target(), Settings());

        Assert.Contains("\"click_id\":\"cookie-epik\"", request.Body);
    }

    [Theory]
    [InlineData("website", "web")]
    [InlineData("physical_store", "offline")]
    [InlineData("phone_call", "offline")]
    [InlineData("email", "offline")]
    [InlineData("system_generated", "offline")]
    public void Action_source_is_mapped_to_pinterests(string ours, string theirs) =>
        Assert.Equal(theirs, PinterestActionSources.For(ours));

    [Theory]
    [InlineData("Purchase", "checkout")]
    [InlineData("AddToCart", "add_to_cart")]
    [InlineData("ViewContent", "page_visit")]
    [InlineData("PageView", "page_visit")]
    [InlineData("InitiateCheckout", "initiate_checkout")]
    [InlineData("Lead", "lead")]
    [InlineData("CompleteRegistration", "signup")]
    [InlineData("Subscribe", "subscribe")]
    public void Standard_events_get_pinterests_names(string standard, string pinterest) =>
        Assert.Equal(pinterest, PinterestEventNames.Map.For(standard));

    [Fact]
    public void A_non_hash_in_a_hashed_field_is_dropped_not_sent()
    {
        var evt = Purchase() with { UserData = new() { Email = new() { [Pipeline.Identity.HashRules.Meta] = "someone@example.com" } } };

        Assert.DoesNotContain("\"em\"", PinterestRequestBuilder.Build(evt, Target(), Settings()).Body);
    }
}
