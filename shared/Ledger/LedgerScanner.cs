using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Pipeline.Operations;
using Pipeline.Storage;

namespace Pipeline.Ledger;

/// <summary>
/// Operator reads and clean-ups over the whole ledger. Each one scans the table (the ledger is partitioned by event
/// id, so no query by time is indexed); they run from the status page, the daily retention timer and erasure, never
/// on the event path.
/// </summary>
public sealed class LedgerScanner(StorageClients clients, TableNames names)
{
    private TableClient Table => clients.Tables.GetTableClient(names.Ledger);

    /// <summary>Rows updated since <paramref name="since"/>, and every row still needing attention (dead, retrying, failed).</summary>
    public async IAsyncEnumerable<LedgerEntry> ForStatusAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"UpdatedAt ge {since} or State eq {DeliveryState.Dead} or State eq {DeliveryState.Retrying} or State eq {DeliveryState.Failed}");
        await foreach (var e in TableScan.QueryAsync(Table, filter, null, ct))
            yield return DeliveryLedger.FromEntity(e);
    }

    /// <summary>Clears the payload of rows last updated before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> ClearPayloadsOlderThanAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"UpdatedAt lt {cutoff}");
        var cleared = 0;
        await foreach (var e in TableScan.QueryAsync(Table, filter, null, ct))
        {
            if (e.GetString("Payload") is null) continue;
            if (await ClearPayloadAsync(e, _ => true, tries: 1, ct)) cleared++;
        }
        return cleared;
    }

    /// <summary>Clears the payload of every row whose payload contains one of <paramref name="needles"/>; returns how many.</summary>
    public async Task<int> ClearPayloadsContainingAsync(IReadOnlyCollection<string> needles, CancellationToken ct)
    {
        if (needles.Count == 0) return 0;
        var cleared = 0;
        await foreach (var e in TableScan.QueryAsync(Table, null, null, ct))
        {
            if (!Mentions(e.GetString("Payload"), needles)) continue;
            // Erasure must win over a concurrent rewrite, so a changed row is read again and checked again.
            if (await ClearPayloadAsync(e, p => Mentions(p, needles), tries: 5, ct)) cleared++;
        }
        return cleared;
    }

    private static bool Mentions(string? payload, IReadOnlyCollection<string> needles) =>
        payload is not null && needles.Any(n => payload.Contains(n, StringComparison.OrdinalIgnoreCase));

    private async Task<bool> ClearPayloadAsync(TableEntity entity, Func<string?, bool> stillApplies, int tries, CancellationToken ct)
    {
        for (var i = 0; i < tries; i++)
        {
            entity.Remove("Payload");
            try
            {
                await Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, ct);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 404)
            {
                return false;
            }
            catch (RequestFailedException e) when (e.Status is 412)
            {
                // Rewritten since it was read (a retry or a replay): read the new version.
                var fresh = await Table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: ct);
                if (!fresh.HasValue || fresh.Value is not { } current || !stillApplies(current.GetString("Payload"))) return false;
                entity = current;
            }
        }
        return false;
    }
}
