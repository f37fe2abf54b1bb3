using System.Text.Json;
using Azure.Data.Tables;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Match;

/// <summary>
/// One standalone host for a class of matching journeys: five outbox destinations, four of them taking a platform's
/// consent treatment (<c>Settings:ConsentAs</c>) so one event shows every platform's consent decision.
/// </summary>
public class MatchHost : IAsyncLifetime
{
    public static readonly string[] Destinations = ["outbox", "as-meta", "as-tiktok", "as-google", "purchases-only"];

    public PipelineHost Host { get; private set; } = null!;
    public VisitorGraphWriter Graph { get; private set; } = null!;

    protected virtual int LateDataDelaySeconds => 1;

    public async Task InitializeAsync()
    {
        Host = await PipelineHost.StartAsync(new Dictionary<string, string?>
        {
            ["Pipeline:Destinations:0:Id"] = "outbox",
            ["Pipeline:Destinations:0:Type"] = "outbox",
            ["Pipeline:Destinations:1:Id"] = "as-meta",
            ["Pipeline:Destinations:1:Type"] = "outbox",
            ["Pipeline:Destinations:1:Settings:ConsentAs"] = "meta",
            ["Pipeline:Destinations:2:Id"] = "as-tiktok",
            ["Pipeline:Destinations:2:Type"] = "outbox",
            ["Pipeline:Destinations:2:Settings:ConsentAs"] = "tiktok",
            ["Pipeline:Destinations:3:Id"] = "as-google",
            ["Pipeline:Destinations:3:Type"] = "outbox",
            ["Pipeline:Destinations:3:Settings:ConsentAs"] = "google_ads",
            ["Pipeline:Destinations:4:Id"] = "purchases-only",
            ["Pipeline:Destinations:4:Type"] = "outbox",
            ["Pipeline:Destinations:4:Events"] = "Purchase",
            ["Pipeline:Match:LateDataDelaySeconds"] = LateDataDelaySeconds.ToString(),
        });
        Graph = new VisitorGraphWriter(Host);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>The canonical event the outbox destination recorded.</summary>
    public async Task<JsonElement> OutboxBodyAsync(string eventId, string destination = "outbox")
    {
        var row = await Eventually.Get(async () =>
            (await Host.Table("outbox").GetEntityIfExistsAsync<TableEntity>(destination, eventId)) is { HasValue: true } r ? r.Value : null,
            $"the {destination} outbox row of {eventId}");
        return JsonDocument.Parse(row.GetString("Body")!).RootElement.Clone();
    }

    /// <summary>The matcher's ledger row once the hand-off is recorded.</summary>
    public Task<LedgerEntry> HandoffAsync(string eventId) =>
        Eventually.Get(async () => await Host.Ledger.GetAsync(eventId, DeliveryLedger.MatchRow, default) is { State: DeliveryState.Delivered } e ? e : null,
            $"the hand-off of {eventId}");

    /// <summary>Every destination's ledger row of the event, once each has reached a final state.</summary>
    public async Task<IReadOnlyDictionary<string, LedgerEntry>> FinalRowsAsync(string eventId)
    {
        await HandoffAsync(eventId);
        return await Eventually.Get(async () =>
        {
            var rows = (await Host.Ledger.GetEventAsync(eventId, default)).Where(r => r.Destination != DeliveryLedger.MatchRow).ToList();
            return rows.Count == Destinations.Length && rows.All(r => DeliveryState.IsFinal(r.State))
                ? rows.ToDictionary(r => r.Destination)
                : null;
        }, $"final ledger rows of {eventId}");
    }
}

/// <summary>The same host with a late-data wait long enough for a test to write the missing browser data meanwhile.</summary>
public sealed class SlowLateDataMatchHost : MatchHost
{
    protected override int LateDataDelaySeconds => 5;
}
