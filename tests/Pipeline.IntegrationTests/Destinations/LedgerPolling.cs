using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Destinations;

/// <summary>Waits for a ledger row to reach a state.</summary>
public static class LedgerPolling
{
    public static Task<LedgerEntry> WaitForStateAsync(this PipelineHost host, string eventId, string destination, string state) =>
        Eventually.Get(async () => await host.Ledger.GetAsync(eventId, destination, default) is { } row && row.State == state ? row : null,
            $"{destination} row of {eventId} to be {state}");
}
