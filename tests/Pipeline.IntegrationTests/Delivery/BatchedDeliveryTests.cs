using System.Text.Json;
using Pipeline.IntegrationTests.Destinations;
using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Delivery;

/// <summary>
/// A burst of events bound for one platform shares platform requests (docs/destinations.md "How events meet in a
/// batch"), and what the platform does to one event of a batch is recorded for that event alone.
/// </summary>
public sealed class BatchedDeliveryTests
{
    private const int Burst = 12;

    /// <summary>A linger long enough for a posted burst to meet, so every test sees batches form.</summary>
    private static Dictionary<string, string?> Settings(params DestinationSpec[] destinations)
    {
        var settings = DestinationSpec.HostSettings(destinations);
        settings["Pipeline:Delivery:BatchLinger"] = "00:00:02";
        return settings;
    }

    private static List<Dictionary<string, object?>> Purchases(int count) => Enumerable.Range(0, count).Select(i =>
    {
        var purchase = PlatformEvents.Purchase();
        purchase["order_id"] = $"batch-{Guid.NewGuid():N}"[..20];
        return purchase;
    }).ToList();

    private static async Task PostAllAsync(PipelineHost host, IEnumerable<Dictionary<string, object?>> events)
    {
        foreach (var response in await Task.WhenAll(events.Select(e => host.PostEventAsync(e))))
            Assert.True(response.IsSuccessStatusCode, $"POST /api/events answered {(int)response.StatusCode}");
    }

    private static IReadOnlyDictionary<string, int> CountIds(IEnumerable<IReadOnlyList<string?>> requests) =>
        requests.SelectMany(ids => ids).GroupBy(id => id ?? "").ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public async Task A_burst_to_Meta_arrives_in_few_requests_and_every_event_is_delivered_once()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(Settings(DestinationSpec.Meta(meta)));
        var purchases = Purchases(Burst);

        await PostAllAsync(host, purchases);

        foreach (var purchase in purchases)
        {
            var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), "meta-main", DeliveryState.Delivered);
            Assert.Equal(1, row.Attempts);
        }
        Assert.True(meta.Requests.Count < Burst, $"{Burst} events in {meta.Requests.Count} requests: {string.Join(",", meta.EventsPerRequest())}");
        var kept = CountIds(meta.Succeeded.Select(meta.EventIds));
        Assert.All(purchases, p => Assert.Equal(1, kept[PlatformEvents.EventId(p)]));
        Assert.Equal(Burst, meta.EventsReceived);
    }

    [Fact]
    public async Task One_event_Meta_refuses_fails_alone_and_the_rest_of_its_batch_is_delivered_once()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(Settings(DestinationSpec.Meta(meta)));
        // How events meet depends on when each reaches the sender: a burst whose culprit happened to travel alone does
        // not show the split, so another burst (with its own culprit) is posted, a few times at most.
        for (var round = 0; round < 5; round++)
        {
            var purchases = Purchases(Burst);
            var bad = PlatformEvents.EventId(purchases[3]);
            meta.RejectEvent(bad);

            await PostAllAsync(host, purchases);

            var dead = await host.WaitForStateAsync(bad, "meta-main", DeliveryState.Dead);
            Assert.Contains("code=100", dead.LastError);
            Assert.Contains(bad, dead.LastError);
            foreach (var purchase in purchases.Where(p => PlatformEvents.EventId(p) != bad))
                await host.WaitForStateAsync(PlatformEvents.EventId(purchase), "meta-main", DeliveryState.Delivered);
            var kept = CountIds(meta.Succeeded.Select(meta.EventIds));
            Assert.False(kept.ContainsKey(bad));
            Assert.All(purchases.Where(p => PlatformEvents.EventId(p) != bad), p => Assert.Equal(1, kept[PlatformEvents.EventId(p)]));
            // The refused request carried others, which went again one by one: each kept exactly once, the culprit never.
            if (meta.Requests.Any(r => meta.EventIds(r).Count > 1 && meta.EventIds(r).Contains(bad))) return;
        }
        Assert.Fail("in five bursts the refused event never shared a request with others");
    }

    [Fact]
    public async Task One_event_TikTok_refuses_fails_alone_and_the_rest_of_its_batch_is_delivered_once()
    {
        await using var tiktok = await FakeTikTokServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(Settings(DestinationSpec.TikTok(tiktok)));
        var purchases = Purchases(Burst);
        var bad = PlatformEvents.EventId(purchases[5]);
        tiktok.RejectEvent(bad);

        await PostAllAsync(host, purchases);

        var dead = await host.WaitForStateAsync(bad, "tiktok-main", DeliveryState.Dead);
        Assert.Contains("code=40002", dead.LastError);
        foreach (var purchase in purchases.Where(p => PlatformEvents.EventId(p) != bad))
            await host.WaitForStateAsync(PlatformEvents.EventId(purchase), "tiktok-main", DeliveryState.Delivered);
        var kept = CountIds(tiktok.Succeeded.Select(tiktok.EventIds));
        Assert.False(kept.ContainsKey(bad));
        Assert.All(purchases.Where(p => PlatformEvents.EventId(p) != bad), p => Assert.Equal(1, kept[PlatformEvents.EventId(p)]));
    }

    [Fact]
    public async Task A_Google_Ads_partial_failure_fails_the_event_at_its_index_and_delivers_the_others()
    {
        await using var oauth = await FakeGoogleOAuthServer.StartAsync();
        await using var ads = await FakeGoogleAdsServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(Settings(DestinationSpec.GoogleAds(ads, oauth)));
        var purchases = Purchases(Burst);
        var bad = purchases[7];
        ads.RejectRow((string)bad["order_id"]!);

        await PostAllAsync(host, purchases);

        var dead = await host.WaitForStateAsync(PlatformEvents.EventId(bad), "google-main", DeliveryState.Dead);
        Assert.Contains("UNPARSEABLE_GCLID", dead.LastError);
        foreach (var purchase in purchases.Where(p => p != bad))
        {
            var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), "google-main", DeliveryState.Delivered);
            Assert.Equal(1, row.Attempts);
        }
        // Nothing was sent twice: the upload that named the bad row delivered the rows beside it.
        Assert.Equal(Burst, ads.EventsPerRequest().Sum());
        Assert.True(ads.Requests.Count < Burst, $"{Burst} events in {ads.Requests.Count} uploads");
    }

    [Fact]
    public async Task In_outbox_mode_each_event_has_its_own_row_holding_the_batched_request_it_went_out_in()
    {
        const string operatorKey = "batch-outbox-operator-key";
        await using var meta = await FakeMetaServer.StartAsync();
        var settings = Settings(DestinationSpec.Meta(meta, mode: "outbox"));
        settings["Pipeline:OperatorKeys"] = operatorKey;
        await using var host = await PipelineHost.StartAsync(settings);
        var purchases = Purchases(Burst);

        await PostAllAsync(host, purchases);

        var carried = new List<IReadOnlyList<string?>>();
        foreach (var purchase in purchases)
        {
            var id = PlatformEvents.EventId(purchase);
            await host.WaitForStateAsync(id, "meta-main", DeliveryState.Delivered);
            using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/operator/outbox?destination=meta-main&event_id={id}");
            get.Headers.Add("x-operator-key", operatorKey);
            var listed = JsonDocument.Parse(await (await host.Http.SendAsync(get)).Content.ReadAsStringAsync()).RootElement.GetProperty("requests");
            var row = Assert.Single(listed.EnumerateArray());
            var ids = BatchBody.Strings(row.GetProperty("body").GetRawText(), "data", "event_id");
            Assert.Contains(id, ids);
            carried.Add(ids);
        }
        Assert.Empty(meta.Requests);
        Assert.Contains(carried, ids => ids.Count > 1);
    }
}
