using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Ingest;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Sources.Shopify;
using static Pipeline.IntegrationTests.Sources.ShopifyPayloads;

namespace Pipeline.IntegrationTests.Sources;

/// <summary>Shopify deliveries through the standalone host on Azurite: answers, events enqueued once, nothing plaintext.</summary>
public sealed class ShopifyWebhookTests : IAsyncLifetime
{
    private PipelineHost _host = null!;

    public async Task InitializeAsync() => _host = await PipelineHost.StartAsync(Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> DeliverAsync(JsonNode payload, string topic, string secret = Secret, string shop = Shop,
        string webhookId = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", string eventId = "98880550-7158-44d4-b7cd-2c97c8a091b5")
    {
        var body = Bytes(payload);
        return _host.PostShopifyAsync(body, Headers(body, topic, secret, shop, webhookId, eventId));
    }

    [Fact]
    public async Task A_paid_multi_currency_web_order_becomes_one_purchase_in_the_buyers_currency_with_hashed_identifiers_only()
    {
        var response = await DeliverAsync(Order(), ShopifyTopics.OrdersPaid);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["purchase_5012345678901"], await response.EnqueuedAsync());
        var body = await _host.OutboxBodyAsync("purchase_5012345678901");
        using var doc = JsonDocument.Parse(body);
        var e = doc.RootElement;
        Assert.Equal("Purchase", e.GetProperty("event_name").GetString());
        Assert.Equal("shopify", e.GetProperty("source").GetString());
        Assert.Equal("website", e.GetProperty("action_source").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-10-05T09:12:47-04:00").ToUnixTimeSeconds(), e.GetProperty("event_time").GetInt64());
        Assert.Equal(99.90m, e.GetProperty("value").GetDecimal());
        Assert.Equal("EUR", e.GetProperty("currency").GetString());
        Assert.Equal("5012345678901", e.GetProperty("order_id").GetString());
        Assert.Equal("203.0.113.77", e.GetProperty("client_ip_address").GetString());
        Assert.Equal("v1.k3J9xQ2mZ8aB", e.GetProperty("visitor_ids")[0].GetString());
        Assert.Equal("IwZXh0bgNhZW0BMABhZGlkAasZ", e.GetProperty("click_ids").GetProperty("fbclid").GetString());
        Assert.False(e.GetProperty("test").GetBoolean());
        var email = e.GetProperty("user_data").GetProperty("em");
        Assert.Matches("^[0-9a-f]{64}$", email.GetProperty("meta").GetString());
        Assert.Matches("^[0-9a-f]{64}$", e.GetProperty("user_data").GetProperty("ph").GetProperty("google").GetString());
        WebhookClient.AssertNoPlaintext(body, Plaintexts);
        WebhookClient.AssertNoPlaintextOutsideGoogleAddress(body, GoogleUnhashedParts);

        var key = await _host.IngestKeyAsync(ShopifyKeys.Order(Shop, "5012345678901"));
        Assert.Equal(IngestState.Enqueued, key!.State);
        Assert.Equal(1, key.Enqueues);
        Assert.NotNull(await _host.Ingest().GetDeliveryAsync(ShopifyKeys.Order(Shop, "5012345678901"), "shopify-webhook:b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", default));
        Assert.NotNull(await _host.Ingest().GetDeliveryAsync(ShopifyKeys.Order(Shop, "5012345678901"), "shopify-event:98880550-7158-44d4-b7cd-2c97c8a091b5", default));
    }

    [Fact]
    public async Task A_retried_delivery_and_a_duplicate_from_a_second_subscription_enqueue_nothing_new()
    {
        const long id = 5012345670001;
        var first = await DeliverAsync(Order(id), ShopifyTopics.OrdersPaid, webhookId: "w-1", eventId: "e-1");
        await _host.OutboxBodyAsync($"purchase_{id}");

        var retry = await DeliverAsync(Order(id), ShopifyTopics.OrdersPaid, webhookId: "w-1", eventId: "e-1");
        var otherSubscription = await DeliverAsync(Order(id), ShopifyTopics.OrdersPaid, webhookId: "w-2", eventId: "e-1");

        Assert.Equal([$"purchase_{id}"], await first.EnqueuedAsync());
        foreach (var duplicate in new[] { retry, otherSubscription })
        {
            Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
            Assert.Empty(await duplicate.EnqueuedAsync());
            Assert.Equal($"purchase_{id}", (await duplicate.JsonAsync()).GetProperty("duplicates")[0].GetString());
        }
        var key = await _host.IngestKeyAsync(ShopifyKeys.Order(Shop, id.ToString()));
        Assert.Equal(1, key!.Enqueues);
        Assert.Equal(2, (await _host.Ingest().GetDeliveryAsync(ShopifyKeys.Order(Shop, id.ToString()), "shopify-webhook:w-1", default))!.Deliveries);
        Assert.Equal(3, (await _host.Ingest().GetDeliveryAsync(ShopifyKeys.Order(Shop, id.ToString()), "shopify-event:e-1", default))!.Deliveries);
    }

    [Fact]
    public async Task The_orders_create_twin_of_the_purchase_topic_is_ignored_and_stores_nothing()
    {
        const long id = 5012345670002;
        var response = await DeliverAsync(Order(id), ShopifyTopics.OrdersCreate);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored", (await response.JsonAsync()).GetProperty("status").GetString());
        Assert.Null(await _host.IngestKeyAsync(ShopifyKeys.Order(Shop, id.ToString())));
    }

    [Fact]
    public async Task A_delivery_signed_with_the_previous_secret_is_accepted_during_rotation()
    {
        const long id = 5012345670003;
        var response = await DeliverAsync(Order(id), ShopifyTopics.OrdersPaid, secret: OldSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([$"purchase_{id}"], await response.EnqueuedAsync());
    }

    [Theory]
    [InlineData("shpss_not-the-app-secret-000000000000", Shop)]
    [InlineData(SecondShopSecret, Shop)]
    [InlineData(Secret, "unknown-shop.myshopify.com")]
    public async Task A_wrong_secret_or_an_unknown_shop_gets_401_and_stores_nothing(string secret, string shop)
    {
        var response = await DeliverAsync(Order(5012345670004), ShopifyTopics.OrdersPaid, secret, shop, webhookId: "w-bad", eventId: "e-bad");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await _host.IngestKeyAsync(ShopifyKeys.Order(shop, "5012345670004")));
        Assert.Null(await _host.Ingest().GetDeliveryAsync(ShopifyKeys.Order(shop, "5012345670004"), "shopify-webhook:w-bad", default));
    }

    [Fact]
    public async Task A_body_changed_after_signing_gets_401()
    {
        var body = Bytes(Order(5012345670005));
        var headers = Headers(body, ShopifyTopics.OrdersPaid);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("99.90", "9.90"));

        var response = await _host.PostShopifyAsync(tampered, headers);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await _host.IngestKeyAsync(ShopifyKeys.Order(Shop, "5012345670005")));
    }

    [Fact]
    public async Task Headers_without_the_X_prefix_and_in_any_case_are_read()
    {
        const long id = 5012345670006;
        var body = Bytes(Order(id));
        var headers = Headers(body, ShopifyTopics.OrdersPaid)
            .ToDictionary(h => h.Key.StartsWith("X-", StringComparison.Ordinal) ? h.Key[2..].ToLowerInvariant() : h.Key, h => h.Value);

        var response = await _host.PostShopifyAsync(body, headers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([$"purchase_{id}"], await response.EnqueuedAsync());
    }

    [Fact]
    public async Task A_second_shop_of_the_deployment_is_verified_with_its_own_secret()
    {
        const long id = 6100000000001;
        var response = await DeliverAsync(Order(id), ShopifyTopics.OrdersPaid, SecondShopSecret, SecondShop);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = await _host.OutboxEventAsync($"purchase_{id}");
        Assert.Equal($"{SecondShop}:order:{id}", e.GetProperty("source_id").GetString());
        Assert.Equal(IngestState.Enqueued, (await _host.IngestKeyAsync(ShopifyKeys.Order(SecondShop, id.ToString())))!.State);
    }

    [Fact]
    public async Task An_order_id_above_2_pow_53_is_kept_exactly()
    {
        var response = await DeliverAsync(Order(BigOrderId), ShopifyTopics.OrdersPaid);

        Assert.Equal(["purchase_9007199254740993"], await response.EnqueuedAsync());
        var e = await _host.OutboxEventAsync("purchase_9007199254740993");
        Assert.Equal("9007199254740993", e.GetProperty("order_id").GetString());
    }

    [Fact]
    public async Task A_refund_becomes_a_refund_event_of_the_money_returned_pointing_at_the_purchase_once()
    {
        const long orderId = 5012345670007, refundId = 929361001;
        await DeliverAsync(Order(orderId), ShopifyTopics.OrdersPaid, webhookId: "w-order-7");

        var response = await DeliverAsync(Refund(refundId, orderId), ShopifyTopics.RefundsCreate, webhookId: "w-refund-7");
        var duplicate = await DeliverAsync(Refund(refundId, orderId), ShopifyTopics.RefundsCreate, webhookId: "w-refund-7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([$"refund_{refundId}"], await response.EnqueuedAsync());
        Assert.Empty(await duplicate.EnqueuedAsync());
        var e = await _host.OutboxEventAsync($"refund_{refundId}");
        Assert.Equal("Refund", e.GetProperty("event_name").GetString());
        Assert.Equal(49.50m, e.GetProperty("value").GetDecimal());
        Assert.Equal("EUR", e.GetProperty("currency").GetString());
        Assert.Equal($"purchase_{orderId}", e.GetProperty("original_event_id").GetString());
        Assert.Equal(1, (await _host.IngestKeyAsync(ShopifyKeys.Refund(Shop, refundId.ToString())))!.Enqueues);
    }

    [Fact]
    public async Task A_cancelled_paid_order_retracts_the_full_value()
    {
        const long id = 5012345670008;
        var cancelled = Order(id);
        cancelled["cancelled_at"] = "2026-10-06T10:00:00-04:00";
        cancelled["cancel_reason"] = "customer";

        var response = await DeliverAsync(cancelled, ShopifyTopics.OrdersCancelled);

        Assert.Equal([$"cancel_{id}"], await response.EnqueuedAsync());
        var e = await _host.OutboxEventAsync($"cancel_{id}");
        Assert.Equal("Refund", e.GetProperty("event_name").GetString());
        Assert.Equal(99.90m, e.GetProperty("value").GetDecimal());
        Assert.Equal($"purchase_{id}", e.GetProperty("original_event_id").GetString());
    }

    [Fact]
    public async Task A_draft_order_created_by_staff_carries_no_buyer_ip_or_user_agent()
    {
        const long id = 5012345670009;
        var response = await DeliverAsync(DraftOrder(id), ShopifyTopics.OrdersPaid);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await _host.OutboxBodyAsync($"purchase_{id}");
        using var doc = JsonDocument.Parse(body);
        Assert.False(doc.RootElement.TryGetProperty("client_ip_address", out _));
        Assert.False(doc.RootElement.TryGetProperty("client_user_agent", out _));
        Assert.DoesNotContain("198.51.100.23", body);
        Assert.True(doc.RootElement.TryGetProperty("user_data", out _));
    }

    [Fact]
    public async Task A_test_order_is_marked_test()
    {
        const long id = 5012345670010;
        var order = Order(id);
        order["test"] = true;

        await DeliverAsync(order, ShopifyTopics.OrdersPaid);

        var e = await _host.OutboxEventAsync($"purchase_{id}");
        Assert.True(e.GetProperty("test").GetBoolean());
    }

    [Theory]
    [InlineData("customers/create")]
    [InlineData("products/update")]
    [InlineData("app/uninstalled")]
    public async Task Other_topics_get_200_and_are_ignored(string topic)
    {
        var rowsBefore = (await _host.IngestRowsAsync()).Count(r => r.RowKey == IngestLedger.KeyRow);

        var response = await DeliverAsync(JsonNode.Parse("""{"id": 706405506930370084, "email": "bob@example.com"}""")!, topic);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.JsonAsync();
        Assert.Equal("ignored", answer.GetProperty("status").GetString());
        Assert.Contains(topic, answer.GetProperty("reason").GetString());
        Assert.Equal(rowsBefore, (await _host.IngestRowsAsync()).Count(r => r.RowKey == IngestLedger.KeyRow));
    }

    [Theory]
    [InlineData("{\"id\": 5012345670011, \"total_price\": ", "not valid JSON")]
    [InlineData("[1, 2, 3]", "not a JSON object")]
    [InlineData("{\"name\": \"#1043\", \"total_price\": \"10.00\", \"currency\": \"USD\"}", "no numeric id")]
    public async Task An_authentic_but_unusable_payload_gets_400_with_the_reason(string payload, string reason)
    {
        var body = Encoding.UTF8.GetBytes(payload);

        var response = await _host.PostShopifyAsync(body, Headers(body, ShopifyTopics.OrdersPaid));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_refund_for_a_missing_order_id_gets_400()
    {
        var refund = Refund(929361002, 5012345670012);
        refund.Remove("order_id");

        var response = await DeliverAsync(refund, ShopifyTopics.RefundsCreate);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("order_id", (await response.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_delivery_without_a_signature_gets_401()
    {
        var body = Bytes(Order(5012345670013));
        var headers = Headers(body, ShopifyTopics.OrdersPaid);
        headers.Remove("X-Shopify-Hmac-Sha256");

        var response = await _host.PostShopifyAsync(body, headers);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
