using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Configuration;
using Pipeline.Destinations;
using Pipeline.Events;
using Pipeline.Identity;
using Pipeline.Ingest;
using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.IntegrationTests.Reliability;
using Pipeline.Ledger;
using Pipeline.Replay;
using Pipeline.Send;
using Pipeline.Storage;
using Xunit.Abstractions;

namespace Pipeline.IntegrationTests.Delivery;

/// <summary>
/// Exactly once per event × destination when two hosts share one storage account: the same deliveries message taken
/// by both at once, and two replays of the same dead letters at once. Counted where a user would look: the requests
/// each platform fake kept, and the ledger rows.
/// </summary>
public sealed class ConcurrentDeliveryTests(ITestOutputHelper output)
{
    private const string OperatorKey = "concurrent-operator-key";
    private const long FirstOrder = 6_100_000_000_000;
    private static readonly string[] Destinations = [PlatformFakes.MetaId, PlatformFakes.TikTokId, PlatformFakes.GoogleId];
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static Dictionary<string, string?> Settings(PlatformFakes fakes, PipelineStorage storage)
    {
        var settings = fakes.Settings();
        foreach (var (k, v) in ShopifyOrders.Settings()) settings[k] = v;
        foreach (var (k, v) in storage.Settings()) settings[k] = v;
        settings["Pipeline:OperatorKeys"] = OperatorKey;
        settings["Pipeline:Match:LateDataRetries"] = "0";
        // A copy that finds the other host's lease looks again when it ends: short, so the queues empty within the test.
        settings["Pipeline:Leases:Delivery"] = "00:00:15";
        return settings;
    }

    /// <summary>Each platform answers after a pause, so the two hosts' sends of one event overlap.</summary>
    private static void SlowDown(PlatformFakes fakes, TimeSpan pause)
    {
        fakes.Meta.Fault = async (_, ct) => { await Task.Delay(pause, ct); return null; };
        fakes.TikTok.Fault = async (_, ct) => { await Task.Delay(pause, ct); return null; };
        fakes.Google.Fault = async (_, ct) => { await Task.Delay(pause, ct); return null; };
    }

    /// <summary>What the matcher hands to the sender for one order, to all three destinations.</summary>
    private static string DeliveriesMessage(long orderId)
    {
        var (evt, error) = ServerEventValidator.Validate(new ServerEvent
        {
            EventName = "Purchase",
            EventTime = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(),
            EventId = ShopifyOrders.EventId(orderId),
            ActionSource = "website",
            EventSourceUrl = "https://linen-and-co.example/checkout/thank-you",
            Value = 49.90m,
            Currency = "EUR",
            OrderId = orderId.ToString(),
            ClickIds = new Dictionary<string, string> { ["gclid"] = "Cj0KCQjw-concurrent", ["ttclid"] = "E.C.P.concurrent" },
            BrowserIds = new Dictionary<string, string> { ["fbp"] = "fb.1.1782900000000.1234567890" },
            ClientIpAddress = "203.0.113.9",
            ClientUserAgent = "Mozilla/5.0 (concurrent test)",
            UserData = new RawUserData { Email = "buyer@example.com" },
        }, DateTimeOffset.UtcNow, "US");
        Assert.Null(error);
        return Json.Serialize(new DeliveryMessage { Event = evt!, Targets = Destinations.Select(d => new DeliveryTarget { Destination = d }).ToList() });
    }

    private static async Task WaitSettledAsync(PlatformFakes fakes, PipelineStorage storage, IReadOnlyCollection<string> eventIds)
    {
        await Eventually.True(() =>
        {
            var kept = fakes.Kept();
            return Task.FromResult(eventIds.All(id => kept.Values.All(k => k.ContainsKey(id))));
        }, "every order at every platform", Timeout);
        // Copies that found a lease come back once it ends; only an empty queue proves none can still send.
        await Eventually.True(async () => (await storage.QueuedAsync()).Total == 0, "the queues to empty", Timeout);
    }

    private static long Transactions(PipelineHost host) => host.Services.GetRequiredService<StorageTransactionCounter>().Total;

    [Fact]
    public async Task The_same_deliveries_message_taken_by_two_hosts_at_once_reaches_each_platform_once()
    {
        await using var fakes = await PlatformFakes.StartAsync();
        SlowDown(fakes, TimeSpan.FromMilliseconds(300));
        var storage = PipelineStorage.Fresh((await Azurite.Shared).ConnectionString);
        await using var first = await PipelineHost.StartAsync(Settings(fakes, storage));
        await using var second = await PipelineHost.StartAsync(Settings(fakes, storage));
        var beforeFirst = Transactions(first);
        var beforeSecond = Transactions(second);

        // Four copies of each of twenty messages, put on the queue both hosts listen to.
        var queue = first.Queue(storage.DeliveriesQueue);
        var eventIds = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var message = DeliveriesMessage(FirstOrder + i);
            eventIds.Add(ShopifyOrders.EventId(FirstOrder + i));
            for (var copy = 0; copy < 4; copy++) await queue.SendMessageAsync(message, timeToLive: TimeSpan.FromSeconds(-1));
        }
        await WaitSettledAsync(fakes, storage, eventIds);

        var kept = fakes.Kept();
        foreach (var destination in Destinations)
            foreach (var id in eventIds)
                Assert.Equal(1, kept[destination][id]);
        foreach (var id in eventIds)
        {
            foreach (var destination in Destinations)
            {
                var row = await first.Ledger.GetAsync(id, destination, default);
                Assert.Equal(DeliveryState.Delivered, row!.State);
                Assert.Equal(1, row.Attempts);
            }
        }
        // Both hosts worked on the queue (each counts its own storage calls).
        Assert.True(Transactions(first) > beforeFirst && Transactions(second) > beforeSecond);
        output.WriteLine($"storage transactions: first host {Transactions(first) - beforeFirst}, second host {Transactions(second) - beforeSecond}");
    }

    [Fact]
    public async Task Two_replays_of_the_same_dead_letters_at_once_deliver_each_once()
    {
        await using var fakes = await PlatformFakes.StartAsync();
        var broken = true;
        fakes.Meta.Fault = (_, _) => Task.FromResult(broken
            ? new FakeAnswer(400, FakeMetaServer.ErrorBody(100, "Invalid parameter", subcode: 2804019))
            : null);
        var storage = PipelineStorage.Fresh((await Azurite.Shared).ConnectionString);
        await using var first = await PipelineHost.StartAsync(Settings(fakes, storage));
        var sender = new LoadSender(first.Http);
        await sender.SendAsync(FirstOrder, 20, concurrency: 4, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        var eventIds = sender.Accepted.Keys.ToList();
        Assert.Equal(20, eventIds.Count);
        foreach (var id in eventIds)
            await Eventually.True(async () => await first.Ledger.GetAsync(id, PlatformFakes.MetaId, default) is { State: DeliveryState.Dead },
                $"{id} dead at Meta", Timeout);

        broken = false;
        await using var second = await PipelineHost.StartAsync(Settings(fakes, storage));
        var replays = await Task.WhenAll(ReplayAsync(first), ReplayAsync(second));

        Assert.All(replays, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(20, replays.Sum(r => r.Body.GetProperty("enqueued").GetInt32()));
        await WaitSettledAsync(fakes, storage, eventIds);
        var kept = fakes.Kept();
        foreach (var destination in Destinations)
            foreach (var id in eventIds)
                Assert.Equal(1, kept[destination][id]);
        Assert.Equal(eventIds.Count * 3, await storage.LedgerCountAsync(eventIds, Destinations, DeliveryState.Delivered));
        output.WriteLine($"replays enqueued {string.Join(" + ", replays.Select(r => r.Body.GetProperty("enqueued").GetInt32()))}");
    }

    [Fact]
    public async Task A_replay_that_died_between_its_claim_and_its_enqueue_is_replayed_by_the_next_one()
    {
        await using var host = await PipelineHost.StartAsync(new Dictionary<string, string?> { ["Pipeline:OperatorKeys"] = OperatorKey });
        var eventId = "purchase_" + Guid.NewGuid().ToString("N")[..12];
        var eventTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 120;
        var payload = new DeliveryMessage
        {
            Event = new CanonicalEvent { EventId = eventId, EventName = "Purchase", ActionSource = "website", EventTime = eventTime },
            Targets = [new DeliveryTarget { Destination = "outbox" }],
        };
        // What a replay leaves when it dies after claiming the row and before enqueueing it, long enough ago.
        await host.Ledger.UpsertAsync(new LedgerEntry
        {
            EventId = eventId,
            Destination = "outbox",
            EventName = "Purchase",
            EventTime = eventTime,
            State = DeliveryState.Pending,
            Reason = ReplayService.RequestedPrefix + "first try",
            Payload = Json.Serialize(payload),
        }, default);
        var table = host.Table("ledger");
        await table.UpdateEntityAsync(new TableEntity(TableKeys.Encode(eventId), "outbox")
        {
            ["UpdatedAt"] = DateTimeOffset.UtcNow - ReplayService.UnfinishedAfter - TimeSpan.FromMinutes(1),
        }, Azure.ETag.All, TableUpdateMode.Merge);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/operator/replay") { Content = JsonContent.Create(new { destination = "outbox" }) };
        request.Headers.Add("x-operator-key", OperatorKey);
        using var response = await host.Http.SendAsync(request);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(1, summary.GetProperty("enqueued").GetInt32());
        await Eventually.True(async () => await host.Ledger.GetAsync(eventId, "outbox", default) is { State: DeliveryState.Delivered },
            "the replayed delivery", Timeout);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReplayAsync(PipelineHost host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/operator/replay")
        {
            Content = JsonContent.Create(new { destination = PlatformFakes.MetaId, note = "Meta setup fixed" }),
        };
        request.Headers.Add("x-operator-key", OperatorKey);
        using var response = await host.Http.SendAsync(request);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone());
    }
}
