using Azure.Data.Tables;
using Pipeline.Configuration;
using Pipeline.Destinations;
using Pipeline.Ledger;
using Pipeline.Operations;
using Pipeline.Storage;

namespace Pipeline.Status;

/// <summary>
/// Reads what the status page needs: one filtered scan of the ledger (rows changed in the window, plus every row
/// still needing attention) and the circuit table when it exists, then aggregates with <see cref="StatusAggregator"/>.
/// </summary>
public sealed class StatusReportBuilder(
    LedgerScanner ledger,
    StorageClients clients,
    PipelineOptions options,
    DestinationRegistry destinations,
    TimeProvider time)
{
    public const int WindowHours = 48;

    /// <summary>Table the circuit breaker keeps destination states in: partition <c>circuit</c>, row = destination id.</summary>
    public string CircuitsTable => options.TablePrefix + "circuits";

    public async Task<StatusReport> BuildAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rows = new List<LedgerEntry>();
        await foreach (var row in ledger.ForStatusAsync(now.AddHours(-(WindowHours + 1)), ct))
            rows.Add(row);
        var circuits = await ReadCircuitsAsync(ct);
        return StatusAggregator.Build(rows, circuits, destinations.Enabled.Select(d => d.Options.Id), now, WindowHours);
    }

    private async Task<List<CircuitRow>> ReadCircuitsAsync(CancellationToken ct)
    {
        var list = new List<CircuitRow>();
        var table = clients.Tables.GetTableClient(CircuitsTable);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"circuit"}");
        await foreach (var e in TableScan.QueryAsync(table, filter, null, ct))
            list.Add(new CircuitRow(e.GetString("Destination") ?? e.RowKey, e.GetString("State") ?? "unknown", e.GetString("Reason")));
        return list;
    }
}
