using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.IntegrationTests.Reliability;

namespace Pipeline.Bench;

/// <summary>The standalone host in process on the shared Azurite, with the three fake platforms and a known shop.</summary>
public sealed class BenchRig : IAsyncDisposable
{
    private BenchRig(PlatformFakes fakes, PipelineHost host)
    {
        Fakes = fakes;
        Host = host;
    }

    public PlatformFakes Fakes { get; }
    public PipelineHost Host { get; }

    /// <param name="linger">Pipeline:Delivery:BatchLinger, when not the default.</param>
    public static async Task<BenchRig> StartAsync(TimeSpan? linger = null)
    {
        var fakes = await PlatformFakes.StartAsync();
        var settings = fakes.Settings();
        foreach (var (k, v) in ShopifyOrders.Settings()) settings[k] = v;
        settings["Pipeline:Match:LateDataRetries"] = "0";
        settings["Pipeline:Collector:AllowedOrigins"] = "https://shop.example";
        settings["Logging:LogLevel:Default"] = "Error";
        if (linger is { } l) settings["Pipeline:Delivery:BatchLinger"] = l.ToString("c");
        return new BenchRig(fakes, await PipelineHost.StartAsync(settings));
    }

    /// <summary>Ids kept by every platform.</summary>
    public HashSet<string> DeliveredEverywhere()
    {
        var kept = Fakes.Kept();
        var first = kept.Values.First().Keys;
        return first.Where(id => kept.Values.All(k => k.ContainsKey(id))).ToHashSet(StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Fakes.DisposeAsync();
    }
}
