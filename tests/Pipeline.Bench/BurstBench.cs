using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Ingest;
using Pipeline.IntegrationTests.Reliability;
using Pipeline.Sources;
using Pipeline.Sources.Shopify;

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

    /// <param name="queued">
    /// The burst as a sale's peak leaves it: every order's event on the events queue at once (each message exactly as
    /// the webhook intake builds it, from the same signed delivery). Otherwise the webhooks themselves are sent, and the
    /// burst is only as dense as this host accepts them.
    /// </param>
    public static async Task<Result> RunAsync(int orders, int concurrency, long firstOrderId, TimeSpan? linger, bool queued = false)
    {
        await using var rig = await BenchRig.StartAsync(linger);
        var clock = Stopwatch.StartNew();
        List<string> accepted;
        if (queued)
        {
            accepted = await EnqueueAsync(rig, orders, firstOrderId);
        }
        else
        {
            var sender = new LoadSender(rig.Host.Http);
            await sender.SendAsync(firstOrderId, orders, concurrency, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
            accepted = sender.Accepted.Keys.ToList();
        }
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

    private static async Task<List<string>> EnqueueAsync(BenchRig rig, int orders, long firstOrderId)
    {
        var evaluator = new ShopifyWebhookEvaluator(rig.Host.Services.GetRequiredService<SourcesSettings>().Shopify!, TimeProvider.System);
        var messages = new List<string>();
        var ids = new List<string>();
        for (var i = 0; i < orders; i++)
        {
            var (body, headers) = ShopifyOrders.Paid(firstOrderId + i, DateTimeOffset.UtcNow);
            if (evaluator.Evaluate(body, new WebhookHeaders(headers)) is not WebhookAccepted accepted)
                throw new InvalidOperationException("the bench's order was not accepted");
            foreach (var conversion in accepted.Conversions)
            {
                messages.Add(EventMessageJson.Build(conversion.Event, dropContentsIfTooLarge: true).Json!);
                ids.Add(conversion.Event.EventId);
            }
        }
        var queue = rig.Host.Queue(rig.Host.EventsQueue);
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (m, ct) => await queue.SendMessageAsync(m, ct));
        return ids;
    }

    private static Platform Measure(string name, int events, IReadOnlyList<int> perRequest) =>
        new(name, events, perRequest.Count, perRequest.DefaultIfEmpty(0).Max());
}
