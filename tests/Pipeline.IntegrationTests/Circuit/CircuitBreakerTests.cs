using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Circuit;
using Pipeline.Configuration;
using Pipeline.Destinations;
using Pipeline.Events;
using Pipeline.IntegrationTests.Foundation;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;
using Pipeline.Send;
using Pipeline.Telemetry;

namespace Pipeline.IntegrationTests.Circuit;

/// <summary>A destination whose token is revoked pauses; the others keep delivering; a probe resumes it.</summary>
public sealed class CircuitBreakerTests
{
    private const string Gated = "gated";

    private static Task<PipelineHost> StartAsync(TokenGatedAccount account) => PipelineHost.StartAsync(
        new Dictionary<string, string?>
        {
            ["Pipeline:Destinations:0:Id"] = "outbox",
            ["Pipeline:Destinations:0:Type"] = "outbox",
            ["Pipeline:Destinations:1:Id"] = Gated,
            ["Pipeline:Destinations:1:Type"] = TokenGatedDestinationFactory.TypeName,
            // Short enough that probes come round while the test watches.
            ["Pipeline:Circuit:InitialProbeInterval"] = "00:00:01",
            ["Pipeline:Circuit:MaxProbeInterval"] = "00:00:02",
            ["Pipeline:Circuit:ProbeLease"] = "00:00:02",
        },
        services: s =>
        {
            s.AddSingleton(account);
            s.AddSingleton<IDestinationFactory, TokenGatedDestinationFactory>();
        });

    [Fact]
    public async Task Revoked_token_pauses_only_its_destination_and_a_probe_after_renewal_delivers_every_held_event_once()
    {
        var account = new TokenGatedAccount { TokenRevoked = true };
        await using var host = await StartAsync(account);
        using var metrics = new MetricsRecorder(host.Services.GetRequiredService<IMeterFactory>());
        var breaker = host.Services.GetRequiredService<CircuitBreaker>();

        // The first auth failure opens the circuit.
        var first = EventBuilder.Purchase();
        await host.PostEventAsync(first);
        await Eventually.True(() => breaker.IsPausedAsync(Gated, default), "the gated destination to pause");
        var opened = (await breaker.ListAsync(default)).Single(c => c.Destination == Gated);
        Assert.Contains("190", opened.Reason);

        // Later events: the outbox gets them all while the gated destination holds them.
        var later = Enumerable.Range(0, 4).Select(_ => EventBuilder.Purchase()).ToList();
        foreach (var body in later) await host.PostEventAsync(body);
        var eventIds = later.Prepend(first).Select(b => (string)b["event_id"]!).ToList();
        foreach (var id in eventIds)
        {
            await Eventually.True(async () =>
                (await host.Table("outbox").GetEntityIfExistsAsync<TableEntity>("outbox", id)).HasValue, $"outbox delivery of {id}");
            await Eventually.True(async () =>
                await host.Ledger.GetAsync(id, Gated, default) is { State: DeliveryState.Retrying } row && row.Reason!.StartsWith(Sender.PausedPrefix),
                $"{id} to be held for the gated destination");
        }

        // Probes come round and are refused again; nothing else is sent, nothing burns its attempts.
        await Eventually.True(() => Task.FromResult(account.AuthFailures >= 3), "two refused probes");
        var failures = account.AuthFailures;
        var stillOpen = (await breaker.ListAsync(default)).Single(c => c.Destination == Gated);
        Assert.True(stillOpen.IsOpen);
        Assert.InRange(failures - 1, 1, stillOpen.Probes);
        Assert.Empty(account.Accepted);
        foreach (var id in eventIds)
        {
            var row = await host.Ledger.GetAsync(id, Gated, default);
            Assert.NotEqual(DeliveryState.Dead, row!.State);
            Assert.Equal(0, row.Attempts);
        }

        // The token is renewed: the next probe is delivered, the circuit closes and every held event goes, once.
        account.TokenRevoked = false;
        foreach (var id in eventIds)
            await Eventually.True(async () => await host.Ledger.GetAsync(id, Gated, default) is { State: DeliveryState.Delivered }, $"{id} delivered to the gated destination");
        Assert.False(await breaker.IsPausedAsync(Gated, default));
        foreach (var id in eventIds)
        {
            Assert.Equal(1, account.Accepted[id]);
            Assert.Equal(1, (await host.Ledger.GetAsync(id, Gated, default))!.Attempts);
        }

        Assert.Equal(1, metrics.Total("pipeline.circuit_open", Gated));
        Assert.True(metrics.Total("pipeline.auth_failures", Gated) >= failures);
        Assert.Equal(0, metrics.Total("pipeline.auth_failures", "outbox"));
    }

    [Fact]
    public async Task A_delivery_message_that_arrives_twice_is_sent_once()
    {
        var account = new TokenGatedAccount();
        await using var host = await StartAsync(account);
        var body = EventBuilder.Purchase();
        var eventId = (string)body["event_id"]!;
        await host.PostEventAsync(body);
        await Eventually.True(async () => await host.Ledger.GetAsync(eventId, Gated, default) is { State: DeliveryState.Delivered }, "the first delivery");

        var duplicate = Json.Serialize(new DeliveryMessage
        {
            Event = new CanonicalEvent { EventId = eventId, EventName = "Purchase", ActionSource = "website", EventTime = (long)body["event_time"]! },
            Targets = [new DeliveryTarget { Destination = Gated }],
        });
        await host.Queue(host.DeliveriesQueue).SendMessageAsync(duplicate);
        await host.Queue(host.DeliveriesQueue).SendMessageAsync(duplicate);
        await Eventually.True(async () => await host.MessageCountAsync(host.DeliveriesQueue) == 0, "the duplicates to be consumed");

        Assert.Equal(1, account.Accepted[eventId]);
        Assert.Equal(1, (await host.Ledger.GetAsync(eventId, Gated, default))!.Attempts);
    }
}
