using System.Collections.Concurrent;
using System.Diagnostics;
using Pipeline.IntegrationTests.Reliability;

namespace Pipeline.Bench;

/// <summary>
/// Signed Shopify orders → deliveries kept by fake Meta, TikTok and Google Ads. Maximum: a burst of
/// <c>orders</c> at <c>concurrency</c>, orders/s from first send to the last delivery. Latency: a steady load at half
/// that rate, webhook sent → kept by all three (seen by a 10 ms poll of the fakes).
/// </summary>
public static class EndToEndBench
{
    public sealed record Result(double MaxOrdersPerSecond, double SteadyRate, double P50Ms, double P99Ms, int Orders);

    public static async Task<Result> RunAsync(int orders, int concurrency, long firstOrderId)
    {
        await using var rig = await BenchRig.StartAsync();
        var clock = Stopwatch.StartNew();
        var sender = new LoadSender(rig.Host.Http);
        await sender.SendAsync(firstOrderId, orders, concurrency, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        await WaitAsync(rig, sender.Accepted.Keys.ToList(), TimeSpan.FromMinutes(5));
        var max = orders / clock.Elapsed.TotalSeconds;

        var rate = max / 2;
        var steadyOrders = Math.Max(20, (int)(rate * 20));
        var sentAt = new ConcurrentDictionary<string, TimeSpan>();
        var deliveredAt = new ConcurrentDictionary<string, TimeSpan>();
        var steady = new LoadSender(rig.Host.Http);
        var first = firstOrderId + orders;
        for (var i = 0; i < steadyOrders; i++) sentAt[ShopifyOrders.EventId(first + i)] = TimeSpan.FromSeconds(i / rate);
        clock.Restart();
        var load = steady.SendAsync(first, steadyOrders, concurrency, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200),
            pacing: TimeSpan.FromSeconds(1 / rate));
        var deadline = TimeSpan.FromMinutes(5);
        while (deliveredAt.Count < steadyOrders && clock.Elapsed < deadline)
        {
            foreach (var id in rig.DeliveredEverywhere())
            {
                if (sentAt.ContainsKey(id)) deliveredAt.TryAdd(id, clock.Elapsed);
            }
            await Task.Delay(10);
        }
        await load;
        var latencies = deliveredAt.Select(d => (d.Value - sentAt[d.Key]).TotalMilliseconds).ToList();
        return new Result(max, rate, Stats.Percentile(latencies, 0.5), Stats.Percentile(latencies, 0.99), orders);
    }

    private static async Task WaitAsync(BenchRig rig, IReadOnlyCollection<string> ids, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!ids.All(rig.DeliveredEverywhere().Contains))
        {
            if (clock.Elapsed > timeout) throw new TimeoutException("orders were not all delivered");
            await Task.Delay(20);
        }
    }
}
