using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.IntegrationTests.Reliability;
using Pipeline.Storage;

namespace Pipeline.Bench;

/// <summary>
/// Storage transactions per conversion, counted by the SDK pipeline's counting policy on the host's own clients
/// (<see cref="StorageTransactionCounter"/>), for orders delivered to three destinations. The queue trigger's own
/// GET (one per batch of up to 16) and DELETE (one per message) run on the WebJobs extension's clients and are
/// added from the message count.
/// </summary>
public static class CostBench
{
    public sealed record Result(int Orders, IReadOnlyDictionary<string, double> PerOrder, double AppTotal, double TriggerDeletes, double TriggerGets);

    public static async Task<Result> RunAsync(int orders, long firstOrderId)
    {
        await using var rig = await BenchRig.StartAsync();
        var counter = rig.Host.Services.GetRequiredService<StorageTransactionCounter>();
        // Warm up (tables, token cache, first connections), then count only the measured orders.
        var warm = new LoadSender(rig.Host.Http);
        await warm.SendAsync(firstOrderId, 3, 1, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        await WaitAsync(rig, warm.Accepted.Keys.ToList());
        await Task.Delay(TimeSpan.FromSeconds(2));
        counter.Reset();

        var sender = new LoadSender(rig.Host.Http);
        await sender.SendAsync(firstOrderId + 3, orders, 1, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        await WaitAsync(rig, sender.Accepted.Keys.ToList());
        // Let the last ledger writes land before reading the counts.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var snapshot = counter.Snapshot();
        var perOrder = snapshot.ToDictionary(kv => kv.Key, kv => kv.Value / (double)orders);
        // Messages consumed per order: one on events (the hand-off sends to all three destinations itself; the
        // deliveries queue carries only retries, pauses and replays, none here).
        const double messagesPerOrder = 1;
        return new Result(orders, perOrder, perOrder.Values.Sum(), messagesPerOrder, messagesPerOrder / 16);
    }

    /// <summary>
    /// Storage transactions per forwarded browser event (<c>pq.track('AddToCart', …)</c> from a visitor who landed
    /// with consent), counted the same way, for events sent one per hit; the queue trigger's DELETE (one per event) and
    /// GET (one per batch of 16) are added as above.
    /// </summary>
    public static async Task<Result> BrowserEventsAsync(int events)
    {
        await using var rig = await BenchRig.StartAsync();
        var counter = rig.Host.Services.GetRequiredService<StorageTransactionCounter>();
        const string visitor = "benchbrowservisitor01";
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await PostHitAsync(rig, $$$"""
            {"v":1,"vid":"{{{visitor}}}","a":0,"e":[{"t":"cs","ts":{{{now}}},"ad_storage":"granted","analytics_storage":"granted","ad_user_data":"granted","ad_personalization":"granted"},
             {"t":"hit","ts":{{{now}}},"pv":"pvland","u":"https://shop.example/p?fbclid=IwARbrowser1","r":"","ck":{"fbclid":"IwARbrowser1"},
              "c":{"_fbp":"fb.1.{{{now}}}.1000001","_ga":"GA1.1.1001.{{{now / 1000}}}"}}]}
            """);
        await WaitKeptAsync(rig, [await TrackAsync(rig, visitor, "warm")]);
        await Task.Delay(TimeSpan.FromSeconds(2));
        counter.Reset();

        var ids = new List<string>();
        for (var i = 0; i < events; i++) ids.Add(await TrackAsync(rig, visitor, $"b{i}"));
        await WaitKeptAsync(rig, ids);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var perEvent = counter.Snapshot().ToDictionary(kv => kv.Key, kv => kv.Value / (double)events);
        const double messagesPerEvent = 1;
        return new Result(events, perEvent, perEvent.Values.Sum(), messagesPerEvent, messagesPerEvent / 16);
    }

    private static async Task<string> TrackAsync(BenchRig rig, string visitor, string suffix)
    {
        var id = $"atc_{visitor}_{suffix}";
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await PostHitAsync(rig, $$$"""
            {"v":1,"vid":"{{{visitor}}}","a":0,"e":[{"t":"ev","ts":{{{now}}},"n":"AddToCart","id":"{{{id}}}","u":"https://shop.example/p/1",
             "p":{"value":19.9,"currency":"EUR","contents":[{"id":"sku-1","quantity":1}]}}]}
            """);
        return id;
    }

    private static async Task PostHitAsync(BenchRig rig, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/s/h") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
        request.Headers.TryAddWithoutValidation("Origin", "https://shop.example");
        using var response = await rig.Host.Http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"collector answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    // A browser event goes to the platforms that take it (Meta and TikTok here; Google Ads takes conversions only).
    private static async Task WaitKeptAsync(BenchRig rig, IReadOnlyCollection<string> ids)
    {
        var clock = Stopwatch.StartNew();
        while (!ids.All(id => rig.Fakes.Kept().Values.Count(k => k.ContainsKey(id)) >= 2))
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException("browser events were not all delivered");
            await Task.Delay(50);
        }
    }

    private static async Task WaitAsync(BenchRig rig, IReadOnlyCollection<string> ids)
    {
        var clock = Stopwatch.StartNew();
        while (!ids.All(rig.DeliveredEverywhere().Contains))
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException("orders were not all delivered");
            await Task.Delay(50);
        }
    }
}
