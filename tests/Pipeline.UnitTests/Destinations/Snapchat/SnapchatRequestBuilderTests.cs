using System.Text.Json.Nodes;
using Pipeline.Destinations.Snapchat;
using Pipeline.Events;
using static Pipeline.UnitTests.Destinations.Snapchat.SnapchatTestEvents;

namespace Pipeline.UnitTests.Destinations.Snapchat;

public class SnapchatRequestBuilderTests
{
    [Fact]
    public void Purchase_with_user_data_click_id_value_and_contents_matches_the_golden_body()
    {
        var request = SnapchatRequestBuilder.Build(Purchase(), Target(), Settings());

        GoldenJson.AssertEqual("""
            {
              "data": [
                {
                  "event_name": "PURCHASE",
                  "event_time": 1788264000,
                  "event_id": "purchase_58213",
                  "action_source": "WEB",
                  "event_source_url": "https://shop.example/checkout/thank-you?order=58213&lang=fr",
                  "user_data": {
                    "em": ["ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976"],
                    "ph": ["e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176"],
                    "fn": ["2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90"],
                    "ln": ["6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd"],
                    "external_id": ["2b1cb0b84296c10ce6cc722d09a874d1f0cc1865615cb94ee50e62354aec017b"],
                    "client_ip_address": "203.0.113.7",
                    "client_user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)",
                    "sc_click_id": "a1b2c3d4-5678-90ab-cdef-1234567890ab",
                    "sc_cookie1": "6e2f6a3c-1b7d-4a8e-9f0c-2d3e4f5a6b7c"
                  },
                  "custom_data": {
                    "currency": "EUR",
                    "value": "59.90",
                    "contents": [
                      { "id": "SKU-1", "quantity": 2, "item_price": 19.95 },
                      { "id": "SKU-2", "quantity": 1, "item_price": 20.00 }
                    ],
                    "content_ids": ["SKU-1", "SKU-2"],
                    "order_id": "58213",
                    "num_items": 3
                  }
                }
              ]
            }
            """, request.Body);
    }

    [Fact]
    public void Request_posts_to_the_pixel_events_path_with_the_token_as_a_secret_query_parameter()
    {
        var request = SnapchatRequestBuilder.Build(Purchase(), Target(), Settings());

        Assert.Equal("POST", request.Method);
        Assert.Equal("https://tr.snapchat.com/v3/8b1a2c3d-pixel/events?access_token=snap-token", request.Url);
        Assert.Equal(["access_token"], request.SecretQueryParameters);
    }

    [Fact]
    public void Test_events_go_to_the_validate_endpoint()
    {
        var request = SnapchatRequestBuilder.Build(Purchase(), Target() with { Test = true }, Settings());

        Assert.Equal("https://tr.snapchat.com/v3/8b1a2c3d-pixel/events/validate?access_token=snap-token", request.Url);
    }

    [Fact]
    public void Limited_data_use_sends_LDU_and_lets_Snap_geolocate()
    {
        var request = SnapchatRequestBuilder.Build(Purchase(), Target() with { LimitedDataUse = true }, Settings());

        var evt = JsonNode.Parse(request.Body!)!["data"]![0]!;
        Assert.Equal("[\"LDU\"]", evt["data_processing_options"]!.ToJsonString());
        Assert.Equal(0, evt["data_processing_options_country"]!.GetValue<int>());
        Assert.Equal(0, evt["data_processing_options_state"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("website", "WEB")]
    [InlineData("physical_store", "OFFLINE")]
    [InlineData("phone_call", "OFFLINE")]
    [InlineData("email", "OFFLINE")]
    public void Action_source_is_Snaps(string ours, string snaps)
    {
        var request = SnapchatRequestBuilder.Build(Purchase() with { ActionSource = ours }, Target(), Settings());

        Assert.Equal(snaps, JsonNode.Parse(request.Body!)!["data"]![0]!["action_source"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Purchase", "PURCHASE")]
    [InlineData("AddToCart", "ADD_CART")]
    [InlineData("ViewContent", "VIEW_CONTENT")]
    [InlineData("InitiateCheckout", "START_CHECKOUT")]
    [InlineData("CompleteRegistration", "SIGN_UP")]
    [InlineData("Subscribe", "SUBSCRIBE")]
    [InlineData("PageView", "PAGE_VIEW")]
    public void Standard_events_take_Snaps_names(string standard, string snaps) =>
        Assert.Equal(snaps, SnapchatEventNames.Map.For(standard));

    [Theory]
    [InlineData("Lead")]
    [InlineData("Refund")]
    public void Events_Snap_has_no_name_for_are_not_mapped_by_default(string standard) =>
        Assert.Null(SnapchatEventNames.Map.For(standard));

    [Fact]
    public void A_value_that_is_not_a_hash_is_never_sent_in_a_hashed_field()
    {
        var evt = Purchase() with
        {
            UserData = new() { Email = new() { [Pipeline.Identity.HashRules.Meta] = "someone@example.com" } },
        };

        var userData = JsonNode.Parse(SnapchatRequestBuilder.Build(evt, Target(), Settings()).Body!)!["data"]![0]!["user_data"]!;
        Assert.Null(userData["em"]);
    }

    [Fact]
    public void Event_without_value_or_contents_has_no_custom_data()
    {
        var evt = Purchase() with { EventName = "PageView", Value = null, Currency = null, OrderId = null, Contents = null };

        Assert.Null(JsonNode.Parse(SnapchatRequestBuilder.Build(evt, Target(), Settings()).Body!)!["data"]![0]!["custom_data"]);
    }
}
