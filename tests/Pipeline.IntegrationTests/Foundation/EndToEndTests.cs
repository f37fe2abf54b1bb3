using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Foundation;

/// <summary>One event through collect → match → send on the standalone host and a real Azurite.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task Server_event_reaches_the_outbox_with_the_exact_body()
    {
        await using var host = await PipelineHost.StartAsync();
        var body = EventBuilder.Purchase();
        var eventId = (string)body["event_id"]!;

        var response = await host.PostEventAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(eventId, answer.RootElement.GetProperty("event_ids")[0].GetString());

        var row = await Eventually.Get(async () =>
            (await host.Table("outbox").GetEntityIfExistsAsync<TableEntity>("outbox", eventId)) is { HasValue: true } r ? r.Value : null,
            "the outbox row");
        Assert.Equal("POST", row.GetString("Method"));
        using var sent = JsonDocument.Parse(row.GetString("Body")!);
        var e = sent.RootElement;
        Assert.Equal("Purchase", e.GetProperty("event_name").GetString());
        Assert.Equal(eventId, e.GetProperty("event_id").GetString());
        Assert.Equal((long)body["event_time"]!, e.GetProperty("event_time").GetInt64());
        Assert.Equal("website", e.GetProperty("action_source").GetString());
        Assert.Equal(249.00m, e.GetProperty("value").GetDecimal());
        Assert.Equal("EUR", e.GetProperty("currency").GetString());
        Assert.Equal("203.0.113.7", e.GetProperty("client_ip_address").GetString());
        // The e-mail arrives only as hashes of its normalized form, never as text.
        var em = e.GetProperty("user_data").GetProperty("em");
        Assert.Equal("3c4d8e0f6c9a8c5e1f1c3cb76f2bdb6bcd9d5a3d6a39e4d2a3c8a2b2f3b45e07".Length, em.GetProperty("meta").GetString()!.Length);
        Assert.DoesNotContain("buyer@example.com", row.GetString("Body")!, StringComparison.OrdinalIgnoreCase);

        // The row exists (leased, sending) before the send is recorded: wait for its final state.
        var ledger = await Eventually.Get(async () =>
            await host.Ledger.GetAsync(eventId, "outbox", default) is { State: not DeliveryState.Sending } r ? r : null, "the recorded ledger row");
        Assert.Equal(DeliveryState.Delivered, ledger.State);
        Assert.Equal(1, ledger.Attempts);
    }

    [Fact]
    public async Task A_redelivered_delivery_message_sends_once()
    {
        await using var host = await PipelineHost.StartAsync();
        var body = EventBuilder.Purchase();
        var eventId = (string)body["event_id"]!;
        await host.PostEventAsync(body);
        var first = await Eventually.Get(async () =>
            (await host.Table("outbox").GetEntityIfExistsAsync<TableEntity>("outbox", eventId)) is { HasValue: true } r ? r.Value : null,
            "the outbox row");
        var ledgerRow = await Eventually.Get(async () =>
            await host.Ledger.GetAsync(eventId, "outbox", default) is { State: DeliveryState.Delivered } d ? d : null, "delivered");

        // At-least-once delivery: the same deliveries message arrives again.
        var matched = await host.Ledger.GetAsync(eventId, DeliveryLedger.MatchRow, default);
        Assert.NotNull(matched);
        var duplicate = Pipeline.Configuration.Json.Serialize(new Pipeline.Send.DeliveryMessage
        {
            Event = new Pipeline.Events.CanonicalEvent { EventId = eventId, EventName = "Purchase", ActionSource = "website", EventTime = (long)body["event_time"]! },
            Targets = [new Pipeline.Destinations.DeliveryTarget { Destination = "outbox" }],
        });
        await host.Queue(host.DeliveriesQueue).SendMessageAsync(duplicate);
        await Eventually.True(async () => await host.MessageCountAsync(host.DeliveriesQueue) == 0, "the duplicate to be consumed");

        var after = (await host.Table("outbox").GetEntityAsync<TableEntity>("outbox", eventId)).Value;
        Assert.Equal(first.ETag, after.ETag);
        var ledgerAfter = await host.Ledger.GetAsync(eventId, "outbox", default);
        Assert.Equal(ledgerRow.Attempts, ledgerAfter!.Attempts);
        Assert.Equal(DeliveryState.Delivered, ledgerAfter.State);
    }

    [Fact]
    public async Task A_redelivered_events_message_hands_off_once()
    {
        await using var host = await PipelineHost.StartAsync();
        var body = EventBuilder.Purchase();
        var eventId = (string)body["event_id"]!;
        await host.PostEventAsync(body);
        // The hand-off records every destination row and ~match last, in one transaction: wait for ~match's final state.
        var handoff = await Eventually.Get(async () =>
            await host.Ledger.GetAsync(eventId, DeliveryLedger.MatchRow, default) is { State: DeliveryState.Delivered } m ? m : null, "the recorded hand-off");

        var message = Pipeline.Configuration.Json.Serialize(new Pipeline.Events.EventMessage
        {
            Event = new Pipeline.Events.CanonicalEvent { EventId = eventId, EventName = "Purchase", ActionSource = "website", EventTime = (long)body["event_time"]! },
        });
        await host.Queue(host.EventsQueue).SendMessageAsync(message);
        await Eventually.True(async () => await host.MessageCountAsync(host.EventsQueue) == 0, "the duplicate to be consumed");

        Assert.Equal(0, await host.MessageCountAsync(host.DeliveriesQueue));
        var after = await host.Ledger.GetAsync(eventId, DeliveryLedger.MatchRow, default);
        Assert.Equal(handoff.UpdatedAt, after!.UpdatedAt);
    }

    [Fact]
    public async Task A_delivery_that_throws_every_time_ends_dead_after_the_hand_off_and_exactly_maxDequeueCount_queue_attempts()
    {
        const int maxDequeueCount = 3;
        await using var host = await PipelineHost.StartAsync(maxDequeueCount: maxDequeueCount);
        // A real storage fault: the outbox table disappears, so every write to it fails.
        await host.Table("outbox").DeleteAsync();
        var body = EventBuilder.Purchase();
        var eventId = (string)body["event_id"]!;

        await host.PostEventAsync(body);

        var dead = await Eventually.Get(async () =>
            await host.Ledger.GetAsync(eventId, "outbox", default) is { State: DeliveryState.Dead } d ? d : null, "the dead ledger row");
        // The matcher's hand-off sends once itself; the failure then goes to the deliveries queue, which tries it
        // maxDequeueCount times before the poison queue.
        Assert.Equal(maxDequeueCount + 1, dead.Attempts);
        Assert.Contains("TableNotFound", dead.LastError);
        Assert.NotNull(dead.Payload);
        Assert.Contains(eventId, dead.Payload);
        await Eventually.True(async () => await host.MessageCountAsync(host.DeliveriesQueue + "-poison") == 0, "the poison queue to be drained");
    }
}
