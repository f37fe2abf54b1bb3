using System.Globalization;
using Pipeline.Bench;
using Pipeline.IntegrationTests.Reliability;

// dotnet run -c Release --project tests/Pipeline.Bench -- <collector|e2e|burst|cost|cost-browser|reliability|all> [--runs N]
//   [--orders N] [--hits N] [--concurrency N] [--linger-ms N] [--webhooks] [--long] [--profile PATH-PREFIX]
var command = args.FirstOrDefault() ?? "all";
int Flag(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
var runs = Flag("--runs", 3);
var longRuns = args.Contains("--long");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; runs={runs}");

if (command is "collector" or "all")
{
    var hits = Flag("--hits", 2000);
    var concurrency = Flag("--concurrency", 8);
    var profileAt = Array.IndexOf(args, "--profile");
    var profile = profileAt >= 0 && profileAt + 1 < args.Length ? Path.GetFullPath(args[profileAt + 1]) : null;
    var results = new List<CollectorBench.Result>();
    for (var r = 0; r < runs; r++)
    {
        var x = await CollectorBench.RunAsync(hits, concurrency, r, profile);
        results.Add(x);
        Console.WriteLine($"collector run {r + 1}: hits {x.HitsPerSecond:F0}/s p50 {x.HitP50Ms:F1} ms p99 {x.HitP99Ms:F1} ms (non-2xx {x.Failed}); " +
            $"azurite single-entity upserts {x.CeilingPerSecond:F0}/s p50 {x.CeilingP50Ms:F1} ms p99 {x.CeilingP99Ms:F1} ms; " +
            $"ratio {x.HitsPerSecond / x.CeilingPerSecond:F2}; same-writes baseline {x.BaselinePerSecond:F0}/s p50 {x.BaselineP50Ms:F1} ms " +
            $"p99 {x.BaselineP99Ms:F1} ms, landing p50 ratio {x.LandingP50Ratio:F2}; host peak working set {x.PeakWorkingSetBytes / 1048576.0:F0} MiB");
    }
    Console.WriteLine($"collector median: hits {Stats.Median(results.Select(r => r.HitsPerSecond)):F0}/s, ceiling {Stats.Median(results.Select(r => r.CeilingPerSecond)):F0}/s, " +
        $"ratio {Stats.Median(results.Select(r => r.HitsPerSecond / r.CeilingPerSecond)):F2}, hit p50 {Stats.Median(results.Select(r => r.HitP50Ms)):F1} ms p99 {Stats.Median(results.Select(r => r.HitP99Ms)):F1} ms, " +
        $"peak working set {Stats.Median(results.Select(r => (double)r.PeakWorkingSetBytes)) / 1048576.0:F0} MiB; " +
        $"single-upsert p50 ratio {Stats.Median(results.Select(r => r.CeilingP50Ms / r.HitP50Ms)):F2}; " +
        $"baseline {Stats.Median(results.Select(r => r.BaselinePerSecond)):F0}/s p50 {Stats.Median(results.Select(r => r.BaselineP50Ms)):F1} ms");
    Console.WriteLine($"collector landing p50 ratio: {Stats.Median(results.Select(r => r.LandingP50Ratio)).ToString("F2", CultureInfo.InvariantCulture)}");
    var perHit = await CollectorBench.CountAsync(200);
    Console.WriteLine("collector cost per landing hit (2 click ids, cookies): " +
        string.Join(", ", perHit.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value:F2}")));
}

if (command is "e2e" or "all")
{
    var orders = Flag("--orders", 300);
    var concurrency = Flag("--concurrency", 8);
    var results = new List<EndToEndBench.Result>();
    for (var r = 0; r < runs; r++)
    {
        var result = await EndToEndBench.RunAsync(orders, concurrency, 7_000_000_000_000 + r * 1_000_000L);
        results.Add(result);
        Console.WriteLine($"e2e run {r + 1}: max {result.MaxOrdersPerSecond:F1} orders/s ({orders} orders, 3 destinations); steady {result.SteadyRate:F1}/s: webhook→delivered p50 {result.P50Ms:F0} ms p99 {result.P99Ms:F0} ms");
    }
    Console.WriteLine($"e2e median: max {Stats.Median(results.Select(r => r.MaxOrdersPerSecond)):F1} orders/s; at half: p50 {Stats.Median(results.Select(r => r.P50Ms)):F0} ms, p99 {Stats.Median(results.Select(r => r.P99Ms)):F0} ms");
    // Stable lines BENCHMARKS.md quotes.
    Console.WriteLine($"e2e max orders/s: {Stats.Median(results.Select(r => r.MaxOrdersPerSecond)):F1}");
    Console.WriteLine($"e2e p99 webhook to delivered at half load ms: {Stats.Median(results.Select(r => r.P99Ms)):F0}");
}

if (command is "burst" or "all")
{
    var orders = Flag("--orders", 300);
    var concurrency = Flag("--concurrency", 16);
    // --linger-ms N overrides Pipeline__Delivery__BatchLinger (default 500 ms).
    TimeSpan? linger = Array.IndexOf(args, "--linger-ms") >= 0 ? TimeSpan.FromMilliseconds(Flag("--linger-ms", 100)) : null;
    for (var r = 0; r < runs; r++)
    {
        // --webhooks: the orders arrive as webhooks, as fast as this host takes them; else they are all queued at once.
        var viaWebhooks = args.Contains("--webhooks");
        var result = await BurstBench.RunAsync(orders, concurrency, 9_000_000_000_000 + r * 1_000_000L, linger, queued: !viaWebhooks);
        Console.WriteLine($"burst run {r + 1}: {orders} orders × 3 destinations {(viaWebhooks ? "sent as webhooks" : "queued at once")}, delivered in {result.Seconds:F1} s (linger {(linger ?? TimeSpan.FromMilliseconds(500)).TotalMilliseconds:F0} ms)");
        foreach (var p in result.Platforms)
        {
            Console.WriteLine($"platform requests per 1,000 events: {p.Name} {p.RequestsPerThousand:F0}");
            Console.WriteLine($"  {p.Name}: {p.Events} events in {p.Requests} requests, largest {p.LargestRequest}");
        }
    }
}

if (command is "cost" or "all")
{
    var orders = Flag("--orders", 100);
    var result = await CostBench.RunAsync(orders, 8_000_000_000_000);
    Console.WriteLine($"cost: {orders} orders × 3 destinations; host clients per order: " +
        string.Join(", ", result.PerOrder.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value:F2}")) +
        $"; total {result.AppTotal:F2}; plus queue trigger DELETE {result.TriggerDeletes:F2} and GET ≥{result.TriggerGets:F2} per order");
    Console.WriteLine($"storage transactions per order: {result.AppTotal + result.TriggerDeletes + result.TriggerGets:F1}");
}

if (command is "cost-browser" or "all")
{
    var events = Flag("--events", 60);
    var result = await CostBench.BrowserEventsAsync(events);
    Console.WriteLine($"cost-browser: {events} forwarded AddToCart events (Meta + TikTok take them); host clients per event: " +
        string.Join(", ", result.PerOrder.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value:F2}")) +
        $"; total {result.AppTotal:F2}; plus queue trigger DELETE {result.TriggerDeletes:F2} and GET ≥{result.TriggerGets:F2} per event");
    Console.WriteLine($"storage transactions per forwarded browser event: {result.AppTotal + result.TriggerDeletes + result.TriggerGets:F1}");
}

if (command is "reliability")
{
    // --only bad-input|concurrent-copies|platform-faults|permanent-errors|crash|storage-outage runs one scenario.
    var only = Array.IndexOf(args, "--only") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : null;
    bool Runs(string name) => only is null || only == name;
    var orders = Flag("--orders", longRuns ? 300 : 40);
    var outageSeconds = Flag("--outage-seconds", 30);
    if (Runs("bad-input")) Console.WriteLine((await ReliabilityScenarios.BadInputAsync()).Summary);
    if (Runs("concurrent-copies"))
        Console.WriteLine(await ReliabilityScenarios.ConcurrentCopiesAsync(longRuns ? 100 : 20, copies: 12, TimeSpan.FromMinutes(5)));
    if (Runs("platform-faults")) Console.WriteLine(await ReliabilityScenarios.PlatformFaultsAsync(orders, TimeSpan.FromSeconds(longRuns ? 20 : 4), TimeSpan.FromMinutes(5)));
    if (Runs("permanent-errors")) Console.WriteLine(await ReliabilityScenarios.PermanentErrorsAndReplayAsync(orders, TimeSpan.FromMinutes(5)));
    if (Runs("crash")) Console.WriteLine(await ReliabilityScenarios.CrashAsync(orders, waitForLeases: longRuns, TimeSpan.FromMinutes(longRuns ? 12 : 2)));
    if (longRuns && Runs("storage-outage"))
        Console.WriteLine(await ReliabilityScenarios.StorageOutageAsync(orders, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(outageSeconds), TimeSpan.FromMinutes(5)));
}
return 0;
