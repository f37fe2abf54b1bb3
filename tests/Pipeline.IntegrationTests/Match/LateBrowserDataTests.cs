using Azure.Data.Tables;
using Pipeline.Events;
using Pipeline.IntegrationTests.Foundation;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;
using Pipeline.Match.Graph;

namespace Pipeline.IntegrationTests.Match;

/// <summary>A webhook that overtakes the visitor's last browser hit waits for it once.</summary>
public sealed class LateBrowserDataTests(SlowLateDataMatchHost fixture) : IClassFixture<SlowLateDataMatchHost>
{
    [Fact]
    public async Task A_webhook_arriving_before_the_visitors_hit_is_written_still_gets_the_click()
    {
        var visitor = "late-" + Guid.NewGuid().ToString("N")[..8];
        var body = EventBuilder.Purchase();
        body["visitor_id"] = visitor;
        var eventId = (string)body["event_id"]!;
        var at = DateTimeOffset.FromUnixTimeSeconds((long)body["event_time"]!);

        await fixture.Host.PostEventAsync(body);
        var waiting = await Eventually.Get(async () =>
            await fixture.Host.Ledger.GetAsync(eventId, DeliveryLedger.MatchRow, default) is { State: DeliveryState.Pending } e ? e : null,
            "the matcher to wait for browser data");
        Assert.Contains("waiting for browser data: the carried visitor id is not in the visitor graph yet", waiting.Reason);

        // The browser's hits land while the event waits.
        await fixture.Graph.ProfileAsync(visitor, new VisitorProfile
        {
            LastSeen = at.AddMinutes(-1),
            Consent = new ConsentState { AdStorage = "granted", AdUserData = "granted" },
            ConsentAt = at.AddMinutes(-30),
        });
        await fixture.Graph.ClickAsync(visitor, "gclid", "late-written-click", at.AddMinutes(-30));

        var sent = await fixture.OutboxBodyAsync(eventId);
        Assert.Equal("late-written-click", sent.GetProperty("click_ids").GetProperty("gclid").GetString());
        var handoff = await fixture.HandoffAsync(eventId);
        Assert.Equal(2, handoff.Attempts);
        Assert.StartsWith($"matched by visitor_id (visitor {visitor})", handoff.Reason);
        Assert.Single(await fixture.Host.Table("outbox").QueryAsync<TableEntity>(e => e.RowKey == eventId && e.PartitionKey == "outbox").ToListAsync());
    }
}
