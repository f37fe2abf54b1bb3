using System.Diagnostics;
using Azure.Data.Tables;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.Bench;

/// <summary>
/// The collector's ceiling on this machine: single-entity upserts issued directly by the SDK against the same
/// Azurite, at the same concurrency. The collector side runs only when the host serves <c>/api/s/h</c>.
/// </summary>
public static class CollectorBench
{
    public sealed record Result(double CeilingPerSecond, double CeilingP50Ms, double CeilingP99Ms, double? HitsPerSecond, double? HitP50Ms, double? HitP99Ms, long? PeakWorkingSetBytes);

    public static async Task<Result> RunAsync(int hits, int concurrency)
    {
        var azurite = await Azurite.Shared;
        var table = new TableClient(azurite.ConnectionString, "ceiling" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();
        var latencies = new double[hits];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < hits)
            {
                var one = Stopwatch.StartNew();
                await table.UpsertEntityAsync(new TableEntity($"v{i % 997}", $"r{i}") { ["Gclid"] = "Cj0KCQjw-bench", ["Fbp"] = "fb.1.1719364800000.1019141" });
                latencies[i] = one.Elapsed.TotalMilliseconds;
            }
        }));
        var ceiling = hits / clock.Elapsed.TotalSeconds;
        await table.DeleteAsync();

        // The collector endpoint (/api/s/h) is not in this build yet: the ceiling alone.
        return new Result(ceiling, Stats.Percentile(latencies, 0.5), Stats.Percentile(latencies, 0.99), null, null, null, null);
    }
}
