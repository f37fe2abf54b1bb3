using System.Diagnostics;
using Pipeline.IntegrationTests.Reliability;

namespace Pipeline.Bench;

/// <summary>
/// A burst of signed Shopify orders, each bound for Meta, TikTok and Google Ads: how many requests each fake platform
/// received per 1,000 events bound to it, i.e. how well events meet in a batch (docs/destinations.md).
/// </summary>
public static class BurstBench
{
    public sealed record Platform(string Name, int Events, int Requests, int LargestRequest)
    {
        public double RequestsPerThousand => Events == 0 ? 0 : Requests * 1000.0 / Events;
    }

    public sealed record Result(int Orders, double Seconds, IReadOnlyList<Platform> Platforms);

    public static async Task<Result> RunAsync(int orders, int concurrency, long firstOrderId, TimeSpan? linger)
    {
        await using var rig = await BenchRig.StartAsync(linger);
        var clock = Stopwatch.StartNew();
        var sender = new LoadSender(rig.Host.Http);
        await sender.SendAsync(firstOrderId, orders, concurrency, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        var accepted = sender.Accepted.Keys.ToList();
        while (!accepted.All(rig.DeliveredEverywhere().Contains))
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("orders were not all delivered");
            await Task.Delay(20);
        }
        var seconds = clock.Elapsed.TotalSeconds;

        var fakes = rig.Fakes;
        return new Result(orders, seconds,
        [
            Measure("meta", accepted.Count, fakes.Meta.EventsPerRequest()),
            Measure("tiktok", accepted.Count, fakes.TikTok.EventsPerRequest()),
            Measure("google_ads", accepted.Count, fakes.Google.EventsPerRequest()),
        ]);
    }

    private static Platform Measure(string name, int events, IReadOnlyList<int> perRequest) =>
        new(name, events, perRequest.Count, perRequest.DefaultIfEmpty(0).Max());
}
