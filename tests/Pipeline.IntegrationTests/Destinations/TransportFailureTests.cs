using System.Net;
using System.Net.Sockets;
using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Destinations;

/// <summary>No answer at all (nothing listening, or a platform that hangs) is a retry with the reason, never a loss.</summary>
public sealed class TransportFailureTests
{
    [Fact]
    public async Task A_platform_that_refuses_connections_leaves_the_delivery_retrying_with_the_reason()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        var spec = DestinationSpec.Meta(meta);
        var unreachable = spec with { Settings = new Dictionary<string, string>(spec.Settings) { ["BaseUrl"] = $"http://127.0.0.1:{FreePort.Next()}" } };
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(unreachable));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await Eventually.Get(async () =>
            await host.Ledger.GetAsync(PlatformEvents.EventId(purchase), "meta-main", default) is { State: DeliveryState.Retrying } r ? r : null,
            "a retrying row");
        Assert.Contains("connection failed", row.LastError);
    }

    [Fact]
    public async Task A_platform_that_never_answers_times_out_into_a_retry()
    {
        // Accepts connections (the OS backlog does) but never reads or answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        await using var meta = await FakeMetaServer.StartAsync();
        var spec = DestinationSpec.Meta(meta);
        var hanging = spec with
        {
            Settings = new Dictionary<string, string>(spec.Settings)
            {
                ["BaseUrl"] = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}",
                ["Timeout"] = "00:00:01",
            },
        };
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(hanging));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await Eventually.Get(async () =>
            await host.Ledger.GetAsync(PlatformEvents.EventId(purchase), "meta-main", default) is { State: DeliveryState.Retrying } r ? r : null,
            "a retrying row");
        Assert.Equal("no answer within 1 s", row.LastError);
    }
}
