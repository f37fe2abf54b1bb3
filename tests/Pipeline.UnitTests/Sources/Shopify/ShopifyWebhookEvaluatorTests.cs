using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Events;
using Pipeline.Identity;
using Pipeline.Sources;
using Pipeline.Sources.Shopify;
using static Pipeline.UnitTests.Sources.Shopify.ShopifyPayloads;

namespace Pipeline.UnitTests.Sources.Shopify;

public class ShopifyWebhookEvaluatorTests
{
    private static AcceptedConversion Single(WebhookVerdict verdict)
    {
        var accepted = Assert.IsType<WebhookAccepted>(verdict);
        return Assert.Single(accepted.Conversions);
    }

    [Fact]
    public void Paid_web_order_becomes_a_purchase_in_the_buyers_currency_with_visitor_click_ids_and_browser()
    {
        var verdict = Deliver(Order(), ShopifyTopics.OrdersPaid);

        var conversion = Single(verdict);
        var purchase = conversion.Event;
        Assert.Equal("Purchase", purchase.EventName);
        Assert.Equal("purchase_5012345678901", purchase.EventId);
        Assert.Equal("5012345678901", purchase.OrderId);
        Assert.Equal(99.90m, purchase.Value);
        Assert.Equal("EUR", purchase.Currency);
        Assert.Equal(DateTimeOffset.Parse("2026-10-05T13:12:47Z").ToUnixTimeSeconds(), purchase.EventTime);
        Assert.Equal("website", purchase.ActionSource);
        // The thank-you page, without the ?key= token that opens the order's status page.
        Assert.Equal("https://harbour-supply.example/71234567/orders/3f4e5d6c7b8a/authenticate", purchase.EventSourceUrl);
        Assert.Equal("shopify", purchase.Source);
        Assert.Equal("linen-and-co.myshopify.com:order:5012345678901", purchase.SourceId);
        Assert.Equal("shopify:linen-and-co.myshopify.com:order:5012345678901", conversion.IdempotencyKey);
        Assert.Equal(
            ["v1.k3J9xQ2mZ8aB", "shopify-checkout:f0a8c9d1e2b3a4c5d6e7f8a9b0c1d2e3", "shopify-cart:Z2NwLXVzLWVhc3QxOjAxSjhRV0JaN1g",
             "shopify-customer:linen-and-co.myshopify.com:7123456789012"],
            purchase.VisitorIds);
        Assert.Equal("IwZXh0bgNhZW0BMABhZGlkAasZ", purchase.ClickIds!["fbclid"]);
        Assert.Equal("Cj0KCQjwAbC-DeF_gH", purchase.ClickIds["gclid"]);
        Assert.Equal("203.0.113.77", purchase.ClientIpAddress);
        Assert.StartsWith("Mozilla/5.0 (iPhone", purchase.ClientUserAgent);
        Assert.Equal("CA", purchase.Country);
        Assert.False(purchase.Test);
        Assert.NotNull(purchase.UserData?.Email);
        Assert.Equal(
            ["shopify-webhook:b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", "shopify-event:98880550-7158-44d4-b7cd-2c97c8a091b5"],
            ((WebhookAccepted)verdict).DeliveryIds);
    }

    [Fact]
    public void Line_items_become_contents_by_variant_else_product_with_buyer_currency_prices()
    {
        var contents = Single(Deliver(Order(), ShopifyTopics.OrdersPaid)).Event.Contents!;

        Assert.Equal(2, contents.Count);
        Assert.Equal(new ContentItem { Id = "45000000000001", Quantity = 2, Price = 49.50m, Name = "Linen Shirt" }, contents[0]);
        Assert.Equal(new ContentItem { Id = "8000000000002", Quantity = 1, Price = 0.90m, Name = "Gift card" }, contents[1]);
    }

    [Fact]
    public void Shop_currency_setting_reports_the_shop_money()
    {
        var purchase = Single(Deliver(Order(), ShopifyTopics.OrdersPaid, Settings with { Currency = ShopifyMoneyBasis.Shop })).Event;

        Assert.Equal(107.59m, purchase.Value);
        Assert.Equal("USD", purchase.Currency);
        Assert.Equal(53.80m, purchase.Contents![0].Price);
    }

    [Fact]
    public void Order_without_money_sets_falls_back_to_total_price_and_currency()
    {
        var order = Order();
        order.Remove("total_price_set");
        order["currency"] = "usd";

        var purchase = Single(Deliver(order, ShopifyTopics.OrdersPaid)).Event;

        Assert.Equal(107.59m, purchase.Value);
        Assert.Equal("USD", purchase.Currency);
    }

    [Fact]
    public void Order_id_above_2_pow_53_is_kept_exactly()
    {
        var order = Order();
        order["id"] = JsonNode.Parse(BigOrderId);

        var conversion = Single(Deliver(order, ShopifyTopics.OrdersPaid));

        Assert.Equal(BigOrderId, conversion.Event.OrderId);
        Assert.Equal("purchase_" + BigOrderId, conversion.Event.EventId);
        Assert.EndsWith(":order:" + BigOrderId, conversion.IdempotencyKey);
    }

    [Fact]
    public void No_plaintext_identifier_leaves_the_mapper()
    {
        var purchase = Single(Deliver(Order(), ShopifyTopics.OrdersPaid)).Event;

        PlaintextAssert.Absent(purchase, Email, Phone, Phone.TrimStart('+'), FirstName, LastName, Street, "Recipient");
        PlaintextAssert.AbsentOutsideGoogleAddress(purchase, City, Zip, "Halifax");
    }

    [Fact]
    public void Buyer_street_is_hashed_for_google_and_the_address_parts_google_takes_unhashed_are_normalized()
    {
        var user = Single(Deliver(Order(), ShopifyTopics.OrdersPaid)).Event.UserData!;

        Assert.Equal(UserDataHasher.Sha256Hex(GoogleNormalizer.Street(Street)!), user.Street![HashRules.Google]);
        Assert.Equal(GoogleNormalizer.City(City), user.GoogleAddress!.City);
        Assert.Equal(GoogleNormalizer.Zip(Zip, null), user.GoogleAddress.PostalCode);
        Assert.NotNull(user.GoogleAddress.Country);
    }

    [Fact]
    public void Draft_order_does_not_pass_the_staff_members_ip_and_user_agent_as_the_buyers()
    {
        var order = Order();
        order["source_name"] = "shopify_draft_order";

        var purchase = Single(Deliver(order, ShopifyTopics.OrdersPaid)).Event;

        Assert.Null(purchase.ClientIpAddress);
        Assert.Null(purchase.ClientUserAgent);
        Assert.NotNull(purchase.UserData);
    }

    [Fact]
    public void Pos_order_is_a_physical_store_conversion()
    {
        var order = Order();
        order["source_name"] = "pos";

        Assert.Equal("physical_store", Single(Deliver(order, ShopifyTopics.OrdersPaid)).Event.ActionSource);
    }

    [Fact]
    public void Order_ip_is_used_when_client_details_have_none()
    {
        var order = Order();
        order.Remove("client_details");

        var purchase = Single(Deliver(order, ShopifyTopics.OrdersPaid)).Event;

        Assert.Equal("203.0.113.77", purchase.ClientIpAddress);
        Assert.Null(purchase.ClientUserAgent);
    }

    [Fact]
    public void Test_order_is_marked_test()
    {
        var order = Order();
        order["test"] = true;

        Assert.True(Single(Deliver(order, ShopifyTopics.OrdersPaid)).Event.Test);
    }

    [Fact]
    public void Order_without_visitor_attribute_or_addresses_still_counts()
    {
        var order = Order();
        order.Remove("note_attributes");
        order.Remove("billing_address");
        order.Remove("shipping_address");
        order.Remove("customer");
        order.Remove("landing_site");

        var purchase = Single(Deliver(order, ShopifyTopics.OrdersPaid)).Event;

        Assert.Equal(["shopify-checkout:f0a8c9d1e2b3a4c5d6e7f8a9b0c1d2e3", "shopify-cart:Z2NwLXVzLWVhc3QxOjAxSjhRV0JaN1g"], purchase.VisitorIds);
        Assert.Null(purchase.ClickIds);
        Assert.Null(purchase.Country);
        Assert.NotNull(purchase.UserData?.Email);
    }

    [Fact]
    public void A_visitor_attribute_that_our_snippet_could_not_have_written_is_dropped()
    {
        var order = Order();
        order["note_attributes"] = JsonNode.Parse("""[{"name":"_pvid","value":"../../etc/passwd?x#y"}]""");

        Assert.DoesNotContain("../../etc/passwd?x#y", Single(Deliver(order, ShopifyTopics.OrdersPaid)).Event.VisitorIds!);
    }

    [Fact]
    public void Configured_visitor_attribute_name_is_read()
    {
        var order = Order();
        order["note_attributes"] = JsonNode.Parse("""[{"name":"vid","value":"abc123"}]""");

        var purchase = Single(Deliver(order, ShopifyTopics.OrdersPaid, Settings with { VisitorIdAttribute = "vid" })).Event;

        Assert.Equal("abc123", purchase.VisitorIds![0]);
    }

    [Fact]
    public void Orders_create_is_ignored_when_orders_paid_is_the_purchase_topic()
    {
        var verdict = Assert.IsType<WebhookIgnored>(Deliver(Order(), ShopifyTopics.OrdersCreate));

        Assert.Contains("orders/create is not the purchase topic", verdict.Reason);
    }

    [Fact]
    public void Orders_create_and_orders_paid_share_one_idempotency_key_when_create_is_the_purchase_topic()
    {
        var settings = Settings with { PurchaseTopic = ShopifyTopics.OrdersCreate };

        var created = Single(Deliver(Order(), ShopifyTopics.OrdersCreate, settings));

        Assert.Equal(ShopifyKeys.Order(Shop, "5012345678901"), created.IdempotencyKey);
        Assert.IsType<WebhookIgnored>(Deliver(Order(), ShopifyTopics.OrdersPaid, settings));
    }

    [Theory]
    [InlineData("products/update")]
    [InlineData("customers/create")]
    [InlineData("app/uninstalled")]
    public void Other_topics_are_ignored(string topic)
    {
        var verdict = Assert.IsType<WebhookIgnored>(Deliver(Order(), topic));

        Assert.Equal($"topic {topic} is not a conversion", verdict.Reason);
        Assert.Equal(200, verdict.StatusCode);
    }

    [Fact]
    public void Refund_becomes_a_refund_of_the_successful_refund_transactions_linked_to_the_purchase()
    {
        var conversion = Single(Deliver(Refund(), ShopifyTopics.RefundsCreate));
        var refund = conversion.Event;

        Assert.Equal("Refund", refund.EventName);
        Assert.Equal("refund_929361464", refund.EventId);
        Assert.Equal(49.50m, refund.Value);
        Assert.Equal("EUR", refund.Currency);
        Assert.Equal("5012345678901", refund.OrderId);
        Assert.Equal("purchase_5012345678901", refund.OriginalEventId);
        Assert.Equal(DateTimeOffset.Parse("2026-10-09T18:30:00Z").ToUnixTimeSeconds(), refund.EventTime);
        Assert.Equal("shopify:linen-and-co.myshopify.com:refund:929361464", conversion.IdempotencyKey);
        Assert.Equal("shopify:linen-and-co.myshopify.com:order:5012345678901", conversion.OriginalKey);
        Assert.Equal("45000000000001", Assert.Single(refund.Contents!).Id);
        Assert.Null(refund.UserData);
    }

    [Fact]
    public void Restock_only_refund_is_ignored()
    {
        var refund = Refund();
        refund["transactions"] = new JsonArray();

        Assert.IsType<WebhookIgnored>(Deliver(refund, ShopifyTopics.RefundsCreate));
    }

    [Fact]
    public void Cancelled_paid_order_without_refunds_retracts_the_full_purchase()
    {
        var order = Order();
        order["cancelled_at"] = "2026-10-06T08:00:00-04:00";
        order["cancel_reason"] = "customer";

        var conversion = Single(Deliver(order, ShopifyTopics.OrdersCancelled));
        var refund = conversion.Event;

        Assert.Equal("Refund", refund.EventName);
        Assert.Equal("cancel_5012345678901", refund.EventId);
        Assert.Equal(99.90m, refund.Value);
        Assert.Equal("EUR", refund.Currency);
        Assert.Equal("purchase_5012345678901", refund.OriginalEventId);
        Assert.Equal(DateTimeOffset.Parse("2026-10-06T12:00:00Z").ToUnixTimeSeconds(), refund.EventTime);
        Assert.Equal("shopify:linen-and-co.myshopify.com:cancel:5012345678901", conversion.IdempotencyKey);
        Assert.Equal("shopify:linen-and-co.myshopify.com:order:5012345678901", conversion.OriginalKey);
    }

    [Fact]
    public void Cancelled_order_that_was_refunded_is_left_to_refunds_create()
    {
        var order = Order();
        order["financial_status"] = "refunded";

        Assert.IsType<WebhookIgnored>(Deliver(order, ShopifyTopics.OrdersCancelled));
    }

    [Fact]
    public void Cancelled_unpaid_order_is_ignored_when_only_paid_orders_count()
    {
        var order = Order();
        order["financial_status"] = "voided";

        Assert.IsType<WebhookIgnored>(Deliver(order, ShopifyTopics.OrdersCancelled));
        Assert.IsType<WebhookAccepted>(Deliver(order, ShopifyTopics.OrdersCancelled, Settings with { PurchaseTopic = ShopifyTopics.OrdersCreate }));
    }

    [Fact]
    public void Wrong_secret_is_rejected_with_401()
    {
        var verdict = Assert.IsType<WebhookRejected>(Deliver(Order(), ShopifyTopics.OrdersPaid, secret: "shpss_not_the_secret"));

        Assert.Equal(401, verdict.StatusCode);
    }

    [Fact]
    public void Body_changed_after_signing_is_rejected_with_401()
    {
        var body = Bytes(Order());
        var headers = Headers(body, ShopifyTopics.OrdersPaid);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("99.90", "9.90"));

        Assert.Equal(401, Evaluate(tampered, headers).StatusCode);
    }

    [Fact]
    public void After_a_rotation_the_second_secret_of_the_shop_is_accepted()
    {
        var settings = Settings with { Shops = [new ShopifyShop { Domain = Shop, Secrets = [Secret, OldSecret] }] };

        Assert.IsType<WebhookAccepted>(Deliver(Order(), ShopifyTopics.OrdersPaid, settings, secret: OldSecret));
    }

    [Fact]
    public void Unknown_shop_is_rejected_with_401()
    {
        var body = Bytes(Order());

        var verdict = Evaluate(body, Headers(body, ShopifyTopics.OrdersPaid, shop: "someone-else.myshopify.com"));

        Assert.Equal(401, verdict.StatusCode);
    }

    [Theory]
    [InlineData("X-Shopify-Topic")]
    [InlineData("X-Shopify-Hmac-Sha256")]
    [InlineData("X-Shopify-Shop-Domain")]
    public void Missing_required_header_is_rejected_with_401(string header)
    {
        var body = Bytes(Order());
        var headers = Headers(body, ShopifyTopics.OrdersPaid);
        headers.Remove(header);

        Assert.Equal(401, Evaluate(body, headers).StatusCode);
    }

    [Fact]
    public void Headers_without_the_X_prefix_and_in_other_case_are_read()
    {
        var body = Bytes(Order());
        var headers = Headers(body, ShopifyTopics.OrdersPaid)
            .ToDictionary(h => h.Key.Replace("X-Shopify-", "shopify-").ToLowerInvariant(), h => h.Value);

        var verdict = Assert.IsType<WebhookAccepted>(Evaluate(body, headers));

        Assert.Equal(2, verdict.DeliveryIds.Count);
    }

    [Fact]
    public void Signed_body_that_is_not_json_is_rejected_with_400()
    {
        var body = Encoding.UTF8.GetBytes("{\"id\": 1,");

        var verdict = Assert.IsType<WebhookRejected>(Evaluate(body, Headers(body, ShopifyTopics.OrdersPaid)));

        Assert.Equal(400, verdict.StatusCode);
        Assert.Equal("body is not valid JSON", verdict.Reason);
    }

    [Fact]
    public void Order_without_id_is_rejected_with_400()
    {
        var order = Order();
        order.Remove("id");

        var verdict = Assert.IsType<WebhookRejected>(Deliver(order, ShopifyTopics.OrdersPaid));

        Assert.Equal(400, verdict.StatusCode);
        Assert.Contains("id", verdict.Reason);
    }

    [Fact]
    public void Payload_without_timestamps_uses_the_triggered_at_header()
    {
        var order = Order();
        order.Remove("processed_at");
        order.Remove("created_at");

        var purchase = Single(Deliver(order, ShopifyTopics.OrdersPaid)).Event;

        Assert.Equal(DateTimeOffset.Parse("2026-10-05T13:12:48Z").ToUnixTimeSeconds(), purchase.EventTime);
    }

    [Fact]
    public void Accepted_event_serializes_with_the_exact_big_id_and_decimal_value()
    {
        var order = Order();
        order["id"] = JsonNode.Parse(BigOrderId);

        var json = JsonSerializer.Serialize(Single(Deliver(order, ShopifyTopics.OrdersPaid)).Event);

        Assert.Contains($"\"order_id\":\"{BigOrderId}\"", json);
        Assert.Contains("\"value\":99.90", json);
    }

    [Fact]
    public void Default_settings_are_valid_and_mistakes_are_reported()
    {
        Assert.Empty(Settings.Validate());
        Assert.Equal(3, (Settings with { PurchaseTopic = "orders/fulfilled", EventIdTemplate = "x", DefaultActionSource = "web" }).Validate().Count);
    }

    [Fact]
    public void A_signed_order_with_a_key_written_twice_is_a_400_naming_the_key()
    {
        var json = Order().ToJsonString();
        var body = Encoding.UTF8.GetBytes("{\"total_price\":\"99999.00\"," + json[1..]);

        var verdict = Assert.IsType<WebhookRejected>(Evaluate(body, Headers(body, ShopifyTopics.OrdersPaid)));

        Assert.Equal(400, verdict.StatusCode);
        Assert.StartsWith("duplicate key 'total_price'", verdict.Reason);
    }

    [Fact]
    public void A_signed_order_whose_checkout_token_holds_an_invisible_character_is_a_400_naming_the_field()
    {
        // Control characters are escaped into table-key-safe text (%00); a bidirectional override is not.
        var order = Order();
        order["checkout_token"] = "f0a8c9d1\u202ee2b3";

        var verdict = Assert.IsType<WebhookRejected>(Deliver(order, ShopifyTopics.OrdersPaid));

        Assert.Equal(400, verdict.StatusCode);
        Assert.Contains("visitor_ids[", verdict.Reason);
        Assert.Contains("printable", verdict.Reason);
    }

    [Fact]
    public void A_webhook_id_header_with_a_control_character_is_a_400_naming_the_header()
    {
        var body = Bytes(Order());
        var headers = Headers(body, ShopifyTopics.OrdersPaid);
        headers["X-Shopify-Webhook-Id"] = "b54557e4\u0001";

        var verdict = Assert.IsType<WebhookRejected>(Evaluate(body, headers));

        Assert.Equal(400, verdict.StatusCode);
        Assert.StartsWith("X-Shopify-Webhook-Id ", verdict.Reason);
    }

    [Fact]
    public void A_buyers_unusable_cart_attribute_is_dropped_not_a_reason_to_refuse_the_order()
    {
        var order = Order();
        order["note_attributes"] = JsonNode.Parse("""[{"name":"_pvid","value":"v1\u0000x"}]""");

        var purchase = Single(Deliver(order, ShopifyTopics.OrdersPaid)).Event;

        Assert.DoesNotContain(purchase.VisitorIds!, id => id.Contains('\0'));
    }
}
