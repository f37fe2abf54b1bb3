using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.IntegrationTests.Destinations;
using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.IntegrationTests.Sources;

namespace Pipeline.IntegrationTests.Privacy;

/// <summary>
/// A pipeline whose every trace can be searched afterwards: a dedicated Azurite (its files), every storage request,
/// every log line at trace level, the Meta and TikTok fakes' requests and the outbox rows. Shopify is configured,
/// and a generic outbox destination records each canonical event next to Meta and TikTok.
/// </summary>
internal sealed class TraceRig : IAsyncDisposable
{
    private readonly CapturedLogs _logs;
    private readonly StorageRequestTap _tap;
    private readonly List<string> _outboxRows = [];
    private bool _hostStopped;

    private TraceRig(Azurite azurite, FakeMetaServer meta, FakeTikTokServer tiktok, PipelineHost host, CapturedLogs logs, StorageRequestTap tap)
    {
        Azurite = azurite;
        Meta = meta;
        TikTok = tiktok;
        Host = host;
        _logs = logs;
        _tap = tap;
    }

    public Azurite Azurite { get; }
    public FakeMetaServer Meta { get; }
    public FakeTikTokServer TikTok { get; }
    public PipelineHost Host { get; }

    public static async Task<TraceRig> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var azurite = await Azurite.StartDedicatedAsync();
        var meta = await FakeMetaServer.StartAsync();
        var tiktok = await FakeTikTokServer.StartAsync();
        var logs = new CapturedLogs();
        var tap = new StorageRequestTap();
        var values = DestinationSpec.HostSettings(DestinationSpec.Meta(meta), DestinationSpec.TikTok(tiktok),
            new DestinationSpec("outbox", "outbox", "live", new Dictionary<string, string>()));
        foreach (var (key, value) in ShopifyPayloads.Settings()) values[key] = value;
        values["Logging:LogLevel:Default"] = "Trace";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var host = await PipelineHost.StartAsync(values, azurite: azurite, services: services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.AddSingleton(tap.Clients(azurite.ConnectionString));
        });
        return new TraceRig(azurite, meta, tiktok, host, logs, tap);
    }

    /// <summary>
    /// Stops the host and Azurite (which saves its data to its files), then asserts that no value of
    /// <paramref name="plaintexts"/> is anywhere, and that each of <paramref name="visible"/> is found in Azurite's
    /// files and in a queue message written, so the search is known to see the data.
    /// </summary>
    public async Task AssertNowhereAsync(IReadOnlyList<string> plaintexts, IReadOnlyList<string> visible)
    {
        await foreach (var row in Host.Table("outbox").QueryAsync<TableEntity>())
            _outboxRows.Add($"{row.PartitionKey} {row.RowKey} {row.GetString("Url")} {row.GetString("Headers")} {row.GetString("Body")}");
        await StopHostAsync();
        await Azurite.StopAsync();

        var files = PlaintextSearch.Files(Azurite.DataDirectory).ToList();
        var storageRequests = _tap.Requests.Select(r => ("storage request " + r[..r.IndexOf('\n')], r)).ToList();
        var platformRequests = Meta.Requests.Concat(TikTok.Requests)
            .Select(r => ("platform request " + r.Path, $"{r.Path}{r.Query}\n{string.Join("\n", r.Headers.Select(h => $"{h.Key}: {h.Value}"))}\n{r.Body}"))
            .ToList();
        var logLines = _logs.Lines.Select(l => ("log", l)).ToList();

        foreach (var value in visible)
        {
            Assert.NotEmpty(PlaintextSearch.Find(files, [value]));
            Assert.Contains(storageRequests, r => r.Item1.StartsWith("storage request POST", StringComparison.Ordinal)
                && r.Item1.Contains("/messages", StringComparison.Ordinal)
                && PlaintextSearch.WithBase64Decoded(r.Item2).Contains(value, StringComparison.Ordinal));
        }
        Assert.Contains(_logs.Lines, l => l.Contains("Collector:", StringComparison.Ordinal));
        Assert.NotEmpty(_outboxRows);
        Assert.NotEmpty(platformRequests);

        Assert.Empty(PlaintextSearch.Find(files, plaintexts));
        Assert.Empty(PlaintextSearch.Find(storageRequests, plaintexts));
        Assert.Empty(PlaintextSearch.Find(platformRequests, plaintexts));
        Assert.Empty(PlaintextSearch.Find(_outboxRows.Select(r => ("outbox row", r)), plaintexts));
        Assert.Empty(PlaintextSearch.Find(logLines, plaintexts));
    }

    private async Task StopHostAsync()
    {
        if (_hostStopped) return;
        _hostStopped = true;
        await Host.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        await Meta.DisposeAsync();
        await TikTok.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
