using Azure.Data.Tables;
using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Destinations;

/// <summary>Meta Conversions API behind the standalone host, against the fake Graph API.</summary>
public sealed class MetaDestinationTests
{
    private const string Destination = "meta-main";

    private const string PurchaseBody = """
        {
          "data": [
            {
              "event_name": "Purchase",
              "event_time": {{event_time}},
              "event_id": "{{event_id}}",
              "action_source": "website",
              "event_source_url": "https://shop.example/checkout/thank-you",
              "user_data": {
                "em": [ "6a6c26195c3682faa816966af789717c3bfa834eee6c599d667d2b3429c27cfd" ],
                "client_ip_address": "203.0.113.7",
                "client_user_agent": "Mozilla/5.0 (test)"
              },
              "custom_data": { "value": 249.00, "currency": "EUR", "order_id": "58213" }
            }
          ]
        }
        """;

    [Fact]
    public async Task Purchase_reaches_Meta_with_the_exact_body_and_hashed_email_and_is_delivered()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Meta(meta)));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("events_received=1", row.Reason);
        var request = Assert.Single(meta.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v26.0/{DestinationSpec.MetaPixel}/events", request.Path);
        Assert.Equal(meta.AccessToken, request.QueryParameter("access_token"));
        Golden.AssertBody(PurchaseBody, request.Body, purchase);
        Assert.Equal(PlatformEvents.EmailHash, PlatformEvents.Sha256("buyer@example.com"));
        Assert.DoesNotContain("buyer@example.com", request.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Meta_code_2_is_retried_later_and_the_retry_is_delivered_on_attempt_two()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        meta.EnqueueAnswer(500, FakeMetaServer.ErrorBody(2, "An unexpected error has occurred. Please retry your request later.", isTransient: true));
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Meta(meta)));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Equal(2, row.Attempts);
        Assert.Equal(2, meta.Requests.Count);
        Assert.Equal(meta.Requests[0].Body, meta.Requests[1].Body);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_retrying_no_sooner_than_Meta_asked()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        meta.EnqueueAnswer(429, "", new Dictionary<string, string> { ["Retry-After"] = "3600" });
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Meta(meta)));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Retrying);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("HTTP 429", row.LastError);
        Assert.NotNull(row.NextAttemptAt);
        // The retry was scheduled an hour out (minus the moments between scheduling and writing the row).
        Assert.True(row.NextAttemptAt >= row.UpdatedAt + TimeSpan.FromMinutes(59), $"next attempt {row.NextAttemptAt} after {row.UpdatedAt}");
        // Only the hidden retry stays queued: the answered message is deleted just after its row is written.
        await Eventually.True(async () => await host.MessageCountAsync(host.DeliveriesQueue) == 1, "only the retry message to stay queued");
        Assert.Single(meta.Requests);
    }

    [Fact]
    public async Task Meta_code_100_is_dead_at_once_with_Meta_message()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        meta.EnqueueAnswer(400, FakeMetaServer.ErrorBody(100, "Invalid parameter", subcode: 2804019));
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Meta(meta)));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Dead);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("code=100", row.LastError);
        Assert.Contains("subcode=2804019", row.LastError);
        Assert.Contains("message=Invalid parameter", row.LastError);
        Assert.NotNull(row.Payload);
        Assert.Single(meta.Requests);
    }

    [Fact]
    public async Task An_event_older_than_seven_days_is_dead_as_expired_without_calling_Meta()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Meta(meta)));
        var purchase = PlatformEvents.Purchase(age: TimeSpan.FromDays(8));

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Dead);
        Assert.Contains("expired", row.LastError);
        Assert.Empty(meta.Requests);
    }

    [Fact]
    public async Task A_retry_that_would_land_past_the_seven_days_is_dead_as_expired()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        meta.EnqueueAnswer(503, "", new Dictionary<string, string> { ["Retry-After"] = "3600" });
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Meta(meta)));
        var purchase = PlatformEvents.Purchase(age: TimeSpan.FromDays(7) - TimeSpan.FromMinutes(30));

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Dead);
        Assert.StartsWith("expired", row.LastError);
        Assert.Contains("HTTP 503", row.LastError);
        // No retry was scheduled: once the dead delivery's own message is deleted, the queue is empty.
        await Eventually.True(async () => await host.MessageCountAsync(host.DeliveriesQueue) == 0, "an empty deliveries queue");
    }

    [Fact]
    public async Task Test_mode_sends_the_test_event_code()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Meta(meta, mode: "test")));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Contains($"test_event_code {DestinationSpec.TestEventCode}", row.Reason);
        Golden.AssertBody(PurchaseBody.TrimEnd()[..^1] + $", \"test_event_code\": \"{DestinationSpec.TestEventCode}\" }}",
            Assert.Single(meta.Requests).Body, purchase);
    }

    [Fact]
    public async Task A_test_order_on_a_live_destination_goes_only_to_test_mode()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Meta(meta)));
        var purchase = PlatformEvents.Purchase(test: true);

        await host.PostEventAsync(purchase);

        await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Contains($"\"test_event_code\":\"{DestinationSpec.TestEventCode}\"", Assert.Single(meta.Requests).Body);
    }

    [Fact]
    public async Task Outbox_mode_records_the_Meta_request_without_calling_Meta()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Meta(meta, mode: "outbox")));
        var purchase = PlatformEvents.Purchase();
        var eventId = PlatformEvents.EventId(purchase);

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(eventId, Destination, DeliveryState.Delivered);
        Assert.Equal("recorded in outbox", row.Reason);
        var recorded = (await host.Table("outbox").GetEntityAsync<TableEntity>(Destination, eventId)).Value;
        Assert.Equal($"{meta.BaseUrl}/v26.0/{DestinationSpec.MetaPixel}/events?access_token=***", recorded.GetString("Url"));
        Golden.AssertBody(PurchaseBody, recorded.GetString("Body")!, purchase);
        Assert.Empty(meta.Requests);
    }

    [Fact]
    public async Task A_delivery_message_delivered_twice_reaches_Meta_once()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Meta(meta)));
        var purchase = PlatformEvents.Purchase();
        var eventId = PlatformEvents.EventId(purchase);
        await host.PostEventAsync(purchase);
        var delivered = await host.WaitForStateAsync(eventId, Destination, DeliveryState.Delivered);

        // At-least-once queues: the very same deliveries message arrives again.
        var duplicate = Pipeline.Configuration.Json.Serialize(new Pipeline.Send.DeliveryMessage
        {
            Event = new Pipeline.Events.CanonicalEvent
            {
                EventId = eventId, EventName = "Purchase", ActionSource = "website", EventTime = PlatformEvents.EventTime(purchase),
            },
            Targets = [new Pipeline.Destinations.DeliveryTarget { Destination = Destination }],
        });
        await host.Queue(host.DeliveriesQueue).SendMessageAsync(duplicate);
        await Eventually.True(async () => await host.MessageCountAsync(host.DeliveriesQueue) == 0, "the duplicate to be consumed");

        Assert.Single(meta.Requests);
        var after = await host.Ledger.GetAsync(eventId, Destination, default);
        Assert.Equal(delivered.Attempts, after!.Attempts);
        Assert.Equal(DeliveryState.Delivered, after.State);
    }
}
