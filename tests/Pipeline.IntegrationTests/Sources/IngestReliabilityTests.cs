using System.Net;
using System.Text;
using Azure.Storage.Queues;
using Pipeline.Ingest;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Sources.Shopify;
using Pipeline.Sources.Stripe;

namespace Pipeline.IntegrationTests.Sources;

/// <summary>Storage faults, limits and configuration: 503 until storage is back, nothing lost, nothing enqueued twice.</summary>
public sealed class IngestReliabilityTests
{
    private static Dictionary<string, string?> BothSources(params (string Key, string? Value)[] extra)
    {
        var settings = ShopifyPayloads.Settings();
        foreach (var (k, v) in StripePayloads.Settings()) settings[k] = v;
        foreach (var (k, v) in extra) settings[k] = v;
        return settings;
    }

    [Fact]
    public async Task With_the_ingest_table_unreachable_a_webhook_gets_503_and_its_retry_is_enqueued_once_storage_is_back()
    {
        await using var host = await PipelineHost.StartAsync(BothSources());
        await host.Table("ingest").DeleteAsync();
        var body = ShopifyPayloads.Bytes(ShopifyPayloads.Order());
        var headers = ShopifyPayloads.Headers(body, ShopifyTopics.OrdersPaid);

        var during = await host.PostShopifyAsync(body, headers);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(0, await host.MessageCountAsync(host.EventsQueue));

        await host.Table("ingest").CreateIfNotExistsAsync();
        var retry = await host.PostShopifyAsync(body, headers);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(["purchase_5012345678901"], await retry.EnqueuedAsync());
        await host.OutboxBodyAsync("purchase_5012345678901");
    }

    [Fact]
    public async Task A_claim_left_pending_by_a_failed_enqueue_is_enqueued_by_the_retry()
    {
        await using var host = await PipelineHost.StartAsync(BothSources());
        var body = StripePayloads.CheckoutSessionCompleted("evt_1Crash000000000000001", "cs_live_crash", "pi_3Crash0000000001").ToJsonString();
        // The queue disappears between claim and enqueue, as if the process had died there.
        var queue = new QueueClient(host.Azurite.ConnectionString, host.EventsQueue);
        await queue.DeleteAsync();

        var during = await host.PostStripeAsync(body, StripePayloads.SignatureHeader(body));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(IngestState.Pending, (await host.IngestKeyAsync(StripeKeys.Payment("pi_3Crash0000000001")))!.State);
        // The arrival is recorded with the claim, answered or not.
        Assert.Equal(1, (await host.Ingest().GetDeliveryAsync(StripeKeys.Payment("pi_3Crash0000000001"), "stripe-event:evt_1Crash000000000000001", default))!.Deliveries);

        await queue.CreateIfNotExistsAsync();
        var retry = await host.PostStripeAsync(body, StripePayloads.SignatureHeader(body));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(["purchase_cs_live_crash"], await retry.EnqueuedAsync());
        await host.OutboxBodyAsync("purchase_cs_live_crash");
        var key = await host.IngestKeyAsync(StripeKeys.Payment("pi_3Crash0000000001"));
        Assert.Equal(IngestState.Enqueued, key!.State);
        Assert.Equal(1, key.Enqueues);
        Assert.Equal(2, (await host.Ingest().GetDeliveryAsync(StripeKeys.Payment("pi_3Crash0000000001"), "stripe-event:evt_1Crash000000000000001", default))!.Deliveries);
    }

    [Fact]
    public async Task A_webhook_body_over_the_limit_gets_413_and_stores_nothing()
    {
        await using var host = await PipelineHost.StartAsync(BothSources(("Pipeline:Sources:MaxBodyBytes", "2048")));
        var body = ShopifyPayloads.Bytes(ShopifyPayloads.Order());
        Assert.True(body.Length > 2048);

        var shopify = await host.PostShopifyAsync(body, ShopifyPayloads.Headers(body, ShopifyTopics.OrdersPaid));
        var text = StripePayloads.CheckoutSessionCompleted("evt_1Big", "cs_live_big", "pi_3Big").ToJsonString() + new string(' ', 2048);
        var stripe = await host.PostStripeAsync(text, StripePayloads.SignatureHeader(text));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, shopify.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, stripe.StatusCode);
        Assert.Contains("larger than 2048 bytes", (await shopify.JsonAsync()).GetProperty("error").GetString());
        Assert.Empty(await host.IngestRowsAsync());
    }

    [Fact]
    public async Task An_order_too_long_for_one_queue_message_is_enqueued_without_its_line_items()
    {
        await using var host = await PipelineHost.StartAsync(BothSources());
        var order = ShopifyPayloads.Order(5012345679999);
        var lines = new System.Text.Json.Nodes.JsonArray();
        for (var i = 0; i < 600; i++)
            lines.Add(System.Text.Json.Nodes.JsonNode.Parse($$"""{"id": {{13579246800000 + i}}, "product_id": {{8000000000100 + i}}, "variant_id": {{45000000000100 + i}}, "price": "1.00", "quantity": 1, "title": "Sample swatch number {{i}} in linen"}"""));
        order["line_items"] = lines;
        var body = ShopifyPayloads.Bytes(order);

        var response = await host.PostShopifyAsync(body, ShopifyPayloads.Headers(body, ShopifyTopics.OrdersPaid));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = await host.OutboxEventAsync("purchase_5012345679999");
        Assert.False(e.TryGetProperty("contents", out _));
        Assert.Equal(99.90m, e.GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task An_unconfigured_source_answers_404_and_touches_no_state()
    {
        await using var host = await PipelineHost.StartAsync();
        var body = ShopifyPayloads.Bytes(ShopifyPayloads.Order());

        var shopify = await host.PostShopifyAsync(body, ShopifyPayloads.Headers(body, ShopifyTopics.OrdersPaid));
        var stripe = await host.PostStripeAsync("{}", StripePayloads.SignatureHeader("{}"));

        Assert.Equal(HttpStatusCode.NotFound, shopify.StatusCode);
        Assert.Equal("shopify webhooks are not configured", (await shopify.JsonAsync()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, stripe.StatusCode);
        Assert.Equal("stripe webhooks are not configured", (await stripe.JsonAsync()).GetProperty("error").GetString());
        Assert.Empty(await host.IngestRowsAsync());
    }

    [Fact]
    public async Task Invalid_source_settings_stop_start_up_with_every_problem_listed()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PipelineHost.StartAsync(new Dictionary<string, string?>
        {
            ["Pipeline:Sources:Shopify:Shops:0:Domain"] = ShopifyPayloads.Shop,
            ["Pipeline:Sources:Shopify:Shops:0:Secrets"] = "",
            ["Pipeline:Sources:Shopify:PurchaseTopic"] = "orders/fulfilled",
            ["Pipeline:Sources:Stripe:Secret"] = StripePayloads.Secret,
        }));

        Assert.Contains($"Shop {ShopifyPayloads.Shop} needs at least one non-empty secret", error.Message);
        Assert.Contains("PurchaseTopic must be orders/paid or orders/create", error.Message);
        Assert.Contains("Pipeline:Sources:Stripe:Secret is not a known setting", error.Message);
        Assert.Contains("Pipeline:Sources:Stripe: Secrets needs at least one non-empty secret", error.Message);
    }

    [Fact]
    public async Task Invalid_utf8_with_a_valid_signature_gets_400_not_a_5xx()
    {
        await using var host = await PipelineHost.StartAsync(BothSources());
        byte[] body = [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D];

        var shopify = await host.PostShopifyAsync(body, ShopifyPayloads.Headers(body, ShopifyTopics.OrdersPaid));
        var text = Encoding.UTF8.GetString(body);
        var stripe = await host.PostRawAsync("/api/webhooks/stripe", body,
            new Dictionary<string, string> { ["Stripe-Signature"] = StripePayloads.SignatureHeader(text) });

        Assert.Equal(HttpStatusCode.BadRequest, shopify.StatusCode);
        // Signed over the bytes as Stripe would, the body still is not JSON.
        Assert.Equal(HttpStatusCode.BadRequest, stripe.StatusCode);
    }
}
