using System.Diagnostics;
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
