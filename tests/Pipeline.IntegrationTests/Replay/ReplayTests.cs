using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Pipeline.Configuration;
using Pipeline.Destinations;
using Pipeline.Events;
using Pipeline.IntegrationTests.Foundation;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;
using Pipeline.Replay;
using Pipeline.Send;
using Pipeline.Standalone;

namespace Pipeline.IntegrationTests.Replay;

/// <summary>Dead letters go back on their queue with the same event ids, once, through the endpoint and the command line.</summary>
public sealed class ReplayTests
{
    private const string OperatorKey = "test-operator-key";

    private static Task<PipelineHost> StartAsync() =>
        PipelineHost.StartAsync(new Dictionary<string, string?> { ["Pipeline:OperatorKeys"] = OperatorKey }, maxDequeueCount: 3);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReplayAsync(PipelineHost host, object body, string? key = OperatorKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/operator/replay") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("x-operator-key", key);
        var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task<int> OutboxRowsAsync(PipelineHost host, string eventId)
    {
        var count = 0;
        await foreach (var _ in host.Table("outbox").QueryAsync<TableEntity>(e => e.PartitionKey == "outbox" && e.RowKey == eventId)) count++;
        return count;
    }

    [Fact]
    public async Task A_delivery_dead_from_the_poison_queue_is_replayed_through_the_endpoint_with_its_event_id_and_delivered_once()
    {
        await using var host = await StartAsync();
        await host.Table("outbox").DeleteAsync();
        var body = EventBuilder.Purchase();
        var eventId = (string)body["event_id"]!;
        await host.PostEventAsync(body);
        var dead = await Eventually.Get(async () =>
            await host.Ledger.GetAsync(eventId, "outbox", default) is { State: DeliveryState.Dead } d ? d : null, "the dead ledger row");
        Assert.Contains("TableNotFound", dead.LastError);

        var (dryStatus, dry) = await ReplayAsync(host, new { destination = "outbox", reason = "tablenotfound", dry_run = true });
        Assert.Equal(HttpStatusCode.OK, dryStatus);
        Assert.True(dry.GetProperty("dry_run").GetBoolean());
        Assert.Equal(1, dry.GetProperty("matched").GetInt32());
        Assert.Equal(1, dry.GetProperty("enqueued").GetInt32());
        Assert.Equal(eventId, dry.GetProperty("items")[0].GetProperty("event_id").GetString());
        Assert.Equal(DeliveryState.Dead, (await host.Ledger.GetAsync(eventId, "outbox", default))!.State);

        await host.Table("outbox").CreateIfNotExistsAsync();
        var (status, summary) = await ReplayAsync(host, new { destination = "outbox", reason = "TableNotFound", note = "outbox table restored" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, summary.GetProperty("matched").GetInt32());
        Assert.Equal(1, summary.GetProperty("enqueued").GetInt32());
        Assert.Equal(0, summary.GetProperty("skipped").GetInt32());

        var delivered = await Eventually.Get(async () =>
            await host.Ledger.GetAsync(eventId, "outbox", default) is { State: DeliveryState.Delivered } d ? d : null, "the replayed delivery");
        Assert.Equal(1, delivered.Attempts);
        Assert.Equal(1, await OutboxRowsAsync(host, eventId));
        var sent = (await host.Table("outbox").GetEntityAsync<TableEntity>("outbox", eventId)).Value;
        using var sentBody = JsonDocument.Parse(sent.GetString("Body")!);
        Assert.Equal(eventId, sentBody.RootElement.GetProperty("event_id").GetString());
        Assert.Equal((long)body["event_time"]!, sentBody.RootElement.GetProperty("event_time").GetInt64());

        // Nothing is dead any more: the same replay again puts nothing back.
        var (_, again) = await ReplayAsync(host, new { destination = "outbox", reason = "TableNotFound" });
        Assert.Equal(0, again.GetProperty("matched").GetInt32());
        Assert.Equal(0, again.GetProperty("enqueued").GetInt32());
    }

    [Fact]
    public async Task An_event_dead_from_the_events_poison_queue_is_replayed_onto_the_events_queue_and_delivered()
    {
        await using var host = await StartAsync();
        // The matcher cannot read the visitor graph while its tables are gone: every attempt throws, the event dies.
        string[] graph = ["visitors", "clicks", "identities"];
        foreach (var table in graph) await host.Table(table).DeleteAsync();
        var body = EventBuilder.Purchase();
        var eventId = (string)body["event_id"]!;
        await host.PostEventAsync(body);
        await Eventually.True(async () =>
            await host.Ledger.GetAsync(eventId, DeliveryLedger.MatchRow, default) is { State: DeliveryState.Dead, Payload: not null }, "the dead match row");

        foreach (var table in graph) await CreateWhenDeletedAsync(host, table);
        var (status, summary) = await ReplayAsync(host, new { destination = DeliveryLedger.MatchRow });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, summary.GetProperty("enqueued").GetInt32());

        await Eventually.True(async () =>
            await host.Ledger.GetAsync(eventId, "outbox", default) is { State: DeliveryState.Delivered }, "the replayed event delivered");
        Assert.Equal(DeliveryState.Delivered, (await host.Ledger.GetAsync(eventId, DeliveryLedger.MatchRow, default))!.State);
        Assert.Equal(1, await OutboxRowsAsync(host, eventId));
    }

    // Azurite, like Azure, refuses to re-create a table for a moment after it was deleted.
    private static async Task CreateWhenDeletedAsync(PipelineHost host, string table) =>
        await Eventually.True(async () =>
        {
            try
            {
                await host.Table(table).CreateIfNotExistsAsync();
                return true;
            }
            catch (Azure.RequestFailedException)
            {
                return false;
            }
        }, $"the {table} table re-created");

    [Fact]
    public async Task The_replay_command_replays_a_dead_delivery_from_the_ledger_with_attempts_reset()
    {
        await using var host = await StartAsync();
        var eventId = "purchase_" + Guid.NewGuid().ToString("N")[..12];
        var eventTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 120;
        var payload = new DeliveryMessage
        {
            Event = new CanonicalEvent { EventId = eventId, EventName = "Purchase", ActionSource = "website", EventTime = eventTime },
            Targets = [new DeliveryTarget { Destination = "outbox" }],
            Attempts = 12,
        };
        // What the sender writes when a delivery gives up.
        await host.Ledger.UpsertAsync(new LedgerEntry
        {
            EventId = eventId,
            Destination = "outbox",
            EventName = "Purchase",
            EventTime = eventTime,
            State = DeliveryState.Dead,
            Attempts = 12,
            LastError = "gave up after 12 attempts; last error: 503",
            Payload = Json.Serialize(payload),
        }, default);
        var since = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

        var (code, output, _) = await RunCliAsync(host, "replay", "--destination", "outbox", "--since", since, "--reason", "gave up", "--dry-run");
        Assert.Equal(0, code);
        Assert.StartsWith("dry run: matched 1, would enqueue 1, skipped 0", output);
        Assert.Contains(eventId, output);

        (code, output, _) = await RunCliAsync(host, "replay", "--destination", "outbox", "--since", since, "--reason", "gave up", "--note", "platform back up");
        Assert.Equal(0, code);
        Assert.StartsWith("matched 1, enqueued 1, skipped 0", output);

        var delivered = await Eventually.Get(async () =>
            await host.Ledger.GetAsync(eventId, "outbox", default) is { State: DeliveryState.Delivered } d ? d : null, "the replayed delivery");
        Assert.Equal(1, delivered.Attempts);
        Assert.Equal("recorded in outbox; replay: platform back up", delivered.Reason);
        Assert.Equal(1, await OutboxRowsAsync(host, eventId));
    }

    [Fact]
    public async Task The_replay_command_refuses_bad_arguments()
    {
        await using var host = await StartAsync();

        var (code, _, error) = await RunCliAsync(host, "replay", "--since", "yesterday");
        Assert.Equal(2, code);
        Assert.Contains("from must be", error);

        (code, _, error) = await RunCliAsync(host, "replay", "--colour", "red");
        Assert.Equal(2, code);
        Assert.Contains("unknown option --colour", error);
    }

    [Fact]
    public async Task The_replay_endpoint_needs_an_operator_key_and_sound_filters()
    {
        await using var host = await StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(host, new { dry_run = true }, key: null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(host, new { dry_run = true }, key: "wrong")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(host, new { dry_run = true }, key: PipelineHost.ApiKey)).Status);

        var (status, error) = await ReplayAsync(host, new { from = "2026-11-02", to = "2026-11-01" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("from must not be after to", error.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await ReplayAsync(host, new { destinaton = "outbox" })).Status);

        var (okStatus, empty) = await ReplayAsync(host, new { dry_run = true });
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Equal(0, empty.GetProperty("matched").GetInt32());
    }

    private static async Task<(int Code, string Output, string Error)> RunCliAsync(PipelineHost host, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Cli.RunAsync(args, output, error, config => config.AddInMemoryCollection(host.Settings), RepositoryRoot.HostSettingsOnly);
        return (code, output.ToString(), error.ToString());
    }
}
