using System.Net;
using Azure.Data.Tables;
using Pipeline.Ingest;
using Pipeline.IntegrationTests.Foundation;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Storage;

namespace Pipeline.IntegrationTests.Sources;

/// <summary>
/// The ingest claim under concurrency and crashes: one copy enqueues, no answer says "enqueued" twice, and a claim
/// left behind by a request that died is taken over by the retry once its lease has run out.
/// </summary>
public sealed class IngestClaimTests : IAsyncLifetime
{
    private PipelineHost _host = null!;

    public async Task InitializeAsync() => _host = await PipelineHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The row a request leaves when it dies between its claim and its enqueue.</summary>
    private Task LeaveClaimAsync(string eventId, DateTimeOffset claimedUntil) =>
        _host.Table("ingest").AddEntityAsync(new TableEntity(TableKeys.Encode(ServerEventsHandler.IdempotencyKey(eventId)), IngestLedger.KeyRow)
        {
            ["Key"] = ServerEventsHandler.IdempotencyKey(eventId),
            ["State"] = IngestState.Pending,
            ["EventId"] = eventId,
            ["EventName"] = "Purchase",
            ["Source"] = "api",
            ["Enqueues"] = 1,
            ["ClaimedAt"] = claimedUntil.AddSeconds(-30),
            ["ClaimedUntil"] = claimedUntil,
        });

    [Fact]
    public async Task Twelve_copies_of_one_event_at_once_are_enqueued_once_and_answered_enqueued_once()
    {
        var body = EventBuilder.Purchase();
        var eventId = (string)body["event_id"]!;

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            while (true)
            {
                using var response = await _host.PostEventAsync(body);
                if (response.StatusCode != HttpStatusCode.Conflict) return (response.StatusCode, Json: await response.JsonAsync());
                Assert.NotNull(response.Headers.RetryAfter);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Single(answers, a => !a.Json.TryGetProperty("duplicate_event_ids", out _));
        await _host.OutboxBodyAsync(eventId);
        var key = await _host.IngestKeyAsync(ServerEventsHandler.IdempotencyKey(eventId));
        Assert.Equal(IngestState.Enqueued, key!.State);
        Assert.Equal(1, key.Enqueues);
    }

    [Fact]
    public async Task A_claim_whose_lease_ran_out_is_taken_over_by_the_retry_and_enqueued()
    {
        var body = EventBuilder.Purchase();
        var eventId = (string)body["event_id"]!;
        await LeaveClaimAsync(eventId, DateTimeOffset.UtcNow.AddSeconds(-1));

        var retry = await _host.PostEventAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.False((await retry.JsonAsync()).TryGetProperty("duplicate_event_ids", out _));
        await _host.OutboxBodyAsync(eventId);
        var key = await _host.IngestKeyAsync(ServerEventsHandler.IdempotencyKey(eventId));
        Assert.Equal(IngestState.Enqueued, key!.State);
        // Two requests set out to enqueue it: the one that died and the retry.
        Assert.Equal(2, key.Enqueues);
    }

    [Fact]
    public async Task A_copy_arriving_after_the_matcher_took_the_event_is_a_duplicate_and_the_claim_was_written_once()
    {
        var body = EventBuilder.Purchase();
        var eventId = (string)body["event_id"]!;
        var first = await _host.PostEventAsync(body);
        await _host.OutboxBodyAsync(eventId);
        var partition = TableKeys.Encode(ServerEventsHandler.IdempotencyKey(eventId));
        var before = (await _host.Table("ingest").GetEntityAsync<TableEntity>(partition, IngestLedger.KeyRow)).Value;

        var copy = await _host.PostEventAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, copy.StatusCode);
        Assert.Equal([eventId], (await copy.JsonAsync()).GetProperty("duplicate_event_ids").EnumerateArray().Select(e => e.GetString()));
        // No mark after the enqueue: the claim's insert is its only write; the matcher's hand-off row is the proof.
        var after = (await _host.Table("ingest").GetEntityAsync<TableEntity>(partition, IngestLedger.KeyRow)).Value;
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal(IngestState.Pending, after.GetString("State"));
        Assert.Equal(IngestState.Enqueued, (await _host.IngestKeyAsync(ServerEventsHandler.IdempotencyKey(eventId)))!.State);
    }

    [Fact]
    public async Task A_copy_arriving_while_another_request_holds_the_claim_gets_409_with_retry_after_and_enqueues_nothing()
    {
        var body = EventBuilder.Purchase();
        var eventId = (string)body["event_id"]!;
        await LeaveClaimAsync(eventId, DateTimeOffset.UtcNow.AddSeconds(25));

        var copy = await _host.PostEventAsync(body);

        Assert.Equal(HttpStatusCode.Conflict, copy.StatusCode);
        Assert.InRange(copy.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 25);
        var answer = await copy.JsonAsync();
        Assert.Equal([eventId], answer.GetProperty("in_flight_event_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, await _host.MessageCountAsync(_host.EventsQueue));
        Assert.Equal(IngestState.Pending, (await _host.IngestKeyAsync(ServerEventsHandler.IdempotencyKey(eventId)))!.State);
    }
}
