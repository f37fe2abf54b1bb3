using System.Diagnostics;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Collect;
using Pipeline.IntegrationTests.Reliability;
using Pipeline.Storage;

namespace Pipeline.Bench;

/// <summary>
/// Collector hits/s and latency through the standalone host (a child process, so its peak working set is its own)
/// on Azurite, side by side in the same run with the ceiling: as many single-entity upserts issued directly by the
/// SDK against the same Azurite at the same concurrency. Every hit is a landing of a new visitor with two click ids
/// and platform cookies. Storage transactions per hit are counted on an in-process host.
/// </summary>
public static class CollectorBench
{
    public sealed record Result(double CeilingPerSecond, double CeilingP50Ms, double CeilingP99Ms, double HitsPerSecond, double HitP50Ms,
        double HitP99Ms, long PeakWorkingSetBytes, int Failed, double BaselinePerSecond, double BaselineP50Ms, double BaselineP99Ms)
    {
        /// <summary>Collector p50 over the same-writes baseline's p50: the host's own cost per hit.</summary>
        public double LandingP50Ratio => HitP50Ms / BaselineP50Ms;
    }

    /// <param name="profile">When set, dotnet-trace and dotnet-counters are attached to the host for the measured hits
    /// and write <c>{profile}-run{n}.nettrace</c> and <c>.counters.csv</c>.</param>
    public static async Task<Result> RunAsync(int hits, int concurrency, int run, string? profile = null)
    {
        var azurite = await Azurite.Shared;
        var storage = PipelineStorage.Fresh(azurite.ConnectionString);
        var settings = storage.Settings();
        settings["Pipeline:Collector:AllowedOrigins"] = "https://shop.example";
        // Every hit comes from 127.0.0.1: the per-address limit stays on (its cost is measured) but never refuses.
        settings["Pipeline:RateLimits:Collector:PermitsPerSecond"] = "100000";
        settings["Pipeline:RateLimits:Collector:Burst"] = "100000";
        await using var host = await StandaloneProcess.StartAsync(settings);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        // Warm-up: tables, JIT, connections.
        for (var i = 0; i < 20; i++) await http.SendAsync(Hit($"warm{run}", i));

        var profiler = profile is null ? null
            : await HostProfiler.AttachAsync(host.ProcessId!.Value, $"{profile}-run{run + 1}", TimeSpan.FromSeconds(Math.Max(5, hits / 150)));
        var failed = 0;
        var (hitRate, hitLatencies) = await MeasureAsync(hits, concurrency, async i =>
        {
            using var response = await http.SendAsync(Hit($"r{run}", i));
            if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failed);
        });
        var peak = host.PeakWorkingSetBytes();
        if (profiler is not null) await profiler.StopAsync();

        var table = new TableClient(azurite.ConnectionString, "ceiling" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();
        var (ceiling, ceilingLatencies) = await MeasureAsync(hits, concurrency, i =>
            table.UpsertEntityAsync(new TableEntity($"v{i % 997}", $"r{i}") { ["Gclid"] = $"Cj0KCQjw-bench-{i}", ["Fbp"] = "fb.1.1719364800000.1019141" }));
        await table.DeleteAsync();

        var (baseline, baselineLatencies) = await SameWritesAsync(azurite.ConnectionString, hits, concurrency, run);

        return new Result(ceiling, Stats.Percentile(ceilingLatencies, 0.5), Stats.Percentile(ceilingLatencies, 0.99),
            hitRate, Stats.Percentile(hitLatencies, 0.5), Stats.Percentile(hitLatencies, 0.99), peak, failed,
            baseline, Stats.Percentile(baselineLatencies, 0.5), Stats.Percentile(baselineLatencies, 0.99));
    }

    /// <summary>
    /// The baseline: what a landing writes, issued directly by the SDK for the same hits at the same concurrency —
    /// per hit the profile and two click rows in one entity-group transaction and, at the same time, the two
    /// click-index rows as merge upserts (the same keys and properties as <c>VisitorIdentityWriter</c>), on tables
    /// of their own in the same Azurite.
    /// </summary>
    private static async Task<(double Rate, double[] LatenciesMs)> SameWritesAsync(string connectionString, int hits, int concurrency, int run)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var visitors = new TableClient(connectionString, "basevisitors" + suffix);
        var clicks = new TableClient(connectionString, "baseclicks" + suffix);
        await visitors.CreateIfNotExistsAsync();
        await clicks.CreateIfNotExistsAsync();
        const string userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
        var prefix = $"b{run}";
        for (var i = 0; i < 20; i++) await Writes(i, "bwarm");
        var measured = await MeasureAsync(hits, concurrency, i => Writes(i, prefix));
        await visitors.DeleteAsync();
        await clicks.DeleteAsync();
        return measured;

        Task Writes(int i, string p)
        {
            var now = DateTimeOffset.UtcNow;
            var ms = now.ToUnixTimeMilliseconds();
            var vid = $"bench{p}{i:D8}";
            var partition = VisitorKeys.Visitor(vid);
            var rowKey = TableKeys.Encode(vid);
            var gclid = $"Cj0KCQjw{p}{i}";
            var fbclid = $"IwAR{p}{i}";
            var fbc = $"fb.1.{ms}.{fbclid}";
            var url = $"https://shop.example/p?gclid={gclid}&fbclid={fbclid}";
            var profile = new TableEntity(partition, VisitorKeys.Profile)
            {
                ["LastSeen"] = now, ["IsBot"] = false, ["FirstSeen"] = now, ["Ip"] = "127.0.0.1", ["UserAgent"] = userAgent,
                ["Fbp"] = $"fb.1.{ms}.{1000000 + i}", ["Fbc"] = fbc, ["GaClientId"] = $"{1000 + i}.{ms / 1000}",
            };
            TableEntity Click(string param, string id, string? clickFbc)
            {
                var row = new TableEntity(partition, VisitorKeys.ClickRow(param, ms))
                {
                    ["Param"] = param, ["ClickId"] = id, ["CapturedAt"] = now, ["LandingUrl"] = url,
                };
                if (clickFbc is not null) row["Fbc"] = clickFbc;
                return row;
            }
            TableEntity Index(string param, string id) =>
                new(VisitorKeys.ClickIndex(param, id), rowKey) { ["CapturedAt"] = now, ["VisitorId"] = vid };
            return Task.WhenAll(
                visitors.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpsertMerge, profile),
                    new(TableTransactionActionType.UpsertMerge, Click("gclid", gclid, null)),
                    new(TableTransactionActionType.UpsertMerge, Click("fbclid", fbclid, fbc)),
                ]),
                clicks.UpsertEntityAsync(Index("gclid", gclid), TableUpdateMode.Merge),
                clicks.UpsertEntityAsync(Index("fbclid", fbclid), TableUpdateMode.Merge));
        }
    }

    /// <summary>Storage transactions per landing hit, counted by the host's counting policy (in process).</summary>
    public static async Task<IReadOnlyDictionary<string, double>> CountAsync(int hits)
    {
        await using var host = await PipelineHost.StartAsync(new Dictionary<string, string?> { ["Pipeline:Collector:AllowedOrigins"] = "https://shop.example" });
        for (var i = 0; i < 5; i++) await host.Http.SendAsync(Hit("cwarm", i));
        var counter = host.Services.GetRequiredService<StorageTransactionCounter>();
        counter.Reset();
        for (var i = 0; i < hits; i++) await host.Http.SendAsync(Hit("count", i));
        return counter.Snapshot().ToDictionary(kv => kv.Key, kv => kv.Value / (double)hits);
    }

    /// <summary>A new visitor landing from an ad: gclid and fbclid in the URL and as click ids, _fbp/_fbc/_ga cookies.</summary>
    private static HttpRequestMessage Hit(string prefix, int i)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var vid = $"bench{prefix}{i:D8}";
        var body = $$$"""
            {"v":1,"vid":"{{{vid}}}","a":0,"e":[{"t":"hit","ts":{{{now}}},"pv":"pv{{{prefix}}}{{{i}}}",
             "u":"https://shop.example/p?gclid=Cj0KCQjw{{{prefix}}}{{{i}}}&fbclid=IwAR{{{prefix}}}{{{i}}}","r":"https://l.facebook.com/",
             "ck":{"gclid":"Cj0KCQjw{{{prefix}}}{{{i}}}","fbclid":"IwAR{{{prefix}}}{{{i}}}"},
             "c":{"_fbc":"fb.1.{{{now}}}.IwAR{{{prefix}}}{{{i}}}","_fbp":"fb.1.{{{now}}}.{{{1000000 + i}}}","_ga":"GA1.1.{{{1000 + i}}}.{{{now / 1000}}}"}}]}
            """;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/s/h") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
        request.Headers.TryAddWithoutValidation("Origin", "https://shop.example");
        return request;
    }

    private static async Task<(double Rate, double[] LatenciesMs)> MeasureAsync(int count, int concurrency, Func<int, Task> one)
    {
        var latencies = new double[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await one(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        return (count / clock.Elapsed.TotalSeconds, latencies);
    }
}
