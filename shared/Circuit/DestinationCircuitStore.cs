using Azure;
using Azure.Data.Tables;
using Pipeline.Storage;

namespace Pipeline.Circuit;

/// <summary>
/// The circuits table: partition <c>circuit</c>, row = destination id. A handful of rows, one per destination that
/// ever paused; every change is ETag-conditional so concurrent senders cannot both claim a probe.
/// </summary>
public sealed class DestinationCircuitStore(StorageClients clients, TableNames names, TimeProvider time)
{
    public const string Partition = "circuit";

    private TableClient Table => clients.Tables.GetTableClient(names.Circuits);

    /// <summary>The circuit and its ETag; (null, default) when the destination never paused.</summary>
    public async Task<(DestinationCircuit? Circuit, ETag ETag)> GetAsync(string destination, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Encode(destination), cancellationToken: ct);
        return row.HasValue && row.Value is { } entity ? (FromEntity(entity), entity.ETag) : (null, default);
    }

    /// <summary>
    /// Writes the circuit only if the row is still what was read: absent when <paramref name="etag"/> is default,
    /// else unchanged since. False when another writer got there first.
    /// </summary>
    public async Task<bool> TryWriteAsync(DestinationCircuit circuit, ETag etag, CancellationToken ct)
    {
        var entity = ToEntity(circuit);
        try
        {
            if (etag == default) await Table.AddEntityAsync(entity, ct);
            else await Table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<DestinationCircuit>> ListAsync(CancellationToken ct)
    {
        var list = new List<DestinationCircuit>();
        await foreach (var e in Table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: ct))
            list.Add(FromEntity(e));
        return list;
    }

    private TableEntity ToEntity(DestinationCircuit c) => new(Partition, TableKeys.Encode(c.Destination))
    {
        ["Destination"] = c.Destination,
        ["State"] = c.State,
        ["OpenedAt"] = c.OpenedAt,
        ["ClosedAt"] = c.ClosedAt,
        ["Reason"] = c.Reason is { Length: > 2000 } r ? r[..2000] : c.Reason,
        ["NextProbeAt"] = c.NextProbeAt,
        ["ProbeIntervalSeconds"] = c.ProbeInterval.TotalSeconds,
        ["Probes"] = c.Probes,
        ["UpdatedAt"] = time.GetUtcNow(),
    };

    private static DestinationCircuit FromEntity(TableEntity e) => new()
    {
        Destination = e.GetString("Destination") ?? e.RowKey,
        State = e.GetString("State") ?? DestinationCircuit.Closed,
        OpenedAt = e.GetDateTimeOffset("OpenedAt"),
        ClosedAt = e.GetDateTimeOffset("ClosedAt"),
        Reason = e.GetString("Reason"),
        NextProbeAt = e.GetDateTimeOffset("NextProbeAt"),
        ProbeInterval = TimeSpan.FromSeconds(e.GetDouble("ProbeIntervalSeconds") ?? 0),
        Probes = e.GetInt32("Probes") ?? 0,
    };
}
