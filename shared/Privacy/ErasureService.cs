using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Pipeline.Configuration;
using Pipeline.Identity;
using Pipeline.Ledger;
using Pipeline.Operations;
using Pipeline.Storage;

namespace Pipeline.Privacy;

/// <summary>
/// Deletes everything linked to a person: their identity links, the visitors those lead to (and visitors linked to
/// them), those visitors' profiles and clicks, and the payloads of ledger rows (and outbox rows) that mention any of
/// their hashes, visitor ids or click ids. Reports counts only.
/// </summary>
/// <remarks>
/// Plaintext e-mail and phone are hashed here, the way ingest hashes them, and dropped. Finding ledger payloads and
/// clicks by visitor scans those tables: erasure is rare and operator-driven, so a scan is the price of not keeping
/// an index of people.
/// </remarks>
public sealed class ErasureService(
    StorageClients clients,
    TableNames names,
    LedgerScanner ledger,
    PipelineOptions options,
    ILogger<ErasureService> logger)
{
    /// <summary>Shorter values are not searched for in payloads: they could match unrelated text.</summary>
    private const int MinNeedleLength = 8;

    public async Task<ErasureReport> EraseAsync(ErasureRequest request, CancellationToken ct)
    {
        var hashed = UserDataHasher.Hash(
            new RawUserData { Email = request.Email, Phone = request.Phone, ExternalId = request.ExternalId }, options.DefaultRegion);
        var identityPartitions = new List<string>();
        if (IdentityKeys.EmailKey(hashed) is { } em) identityPartitions.Add($"em:{em}");
        if (IdentityKeys.PhoneKey(hashed) is { } ph) identityPartitions.Add($"ph:{ph}");
        if (IdentityKeys.ExternalIdKey(hashed) is { } xid) identityPartitions.Add($"xid:{xid}");

        var needles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var variants in new[] { hashed.Email, hashed.Phone, hashed.ExternalId })
            foreach (var hash in variants?.Values ?? Enumerable.Empty<string>()) needles.Add(hash);

        var identities = clients.Tables.GetTableClient(names.Identities);
        var visitors = new Dictionary<string, string>(StringComparer.Ordinal); // table key → visitor id as sent
        if (!string.IsNullOrWhiteSpace(request.VisitorId)) visitors[TableKeys.Encode(request.VisitorId.Trim())] = request.VisitorId.Trim();

        var identityRows = new Dictionary<(string, string), TableEntity>();
        foreach (var partition in identityPartitions)
        {
            await foreach (var row in PartitionAsync(identities, TableKeys.Encode(partition), ct))
            {
                identityRows[(row.PartitionKey, row.RowKey)] = row;
                visitors.TryAdd(row.RowKey, row.GetString("VisitorId") ?? row.RowKey);
            }
        }

        // Every identity row pointing at these visitors; a link partition joins the visitors it holds (one hop).
        foreach (var key in visitors.Keys.ToList())
        {
            await foreach (var row in RowKeyAsync(identities, key, ct))
            {
                identityRows[(row.PartitionKey, row.RowKey)] = row;
                if (!row.PartitionKey.StartsWith("link:", StringComparison.Ordinal)) continue;
                await foreach (var linked in PartitionAsync(identities, row.PartitionKey, ct))
                {
                    identityRows[(linked.PartitionKey, linked.RowKey)] = linked;
                    visitors.TryAdd(linked.RowKey, linked.GetString("VisitorId") ?? linked.RowKey);
                }
            }
        }
        foreach (var (key, id) in visitors)
        {
            needles.Add(key);
            needles.Add(id);
        }

        var (visitorRows, clickIds) = await DeleteVisitorsAsync(visitors.Keys, ct);
        foreach (var clickId in clickIds) needles.Add(clickId);
        var clicks = await DeleteClicksAsync(visitors.Keys, ct);

        var identitiesDeleted = 0;
        foreach (var row in identityRows.Values)
            if (await TableScan.DeleteAsync(identities, row.PartitionKey, row.RowKey, ct)) identitiesDeleted++;

        var searchable = needles.Where(n => n.Length >= MinNeedleLength).ToList();
        var payloads = await ledger.ClearPayloadsContainingAsync(searchable, ct);
        var outbox = await DeleteOutboxRowsAsync(searchable, ct);

        var report = new ErasureReport
        {
            VisitorsFound = visitors.Count,
            VisitorRowsDeleted = visitorRows,
            ClicksDeleted = clicks,
            IdentitiesDeleted = identitiesDeleted,
            LedgerPayloadsCleared = payloads,
            OutboxRowsDeleted = outbox,
        };
        logger.LogInformation(
            "Erasure: {Visitors} visitors; deleted {VisitorRows} visitor rows, {Clicks} clicks, {Identities} identity links, {Outbox} outbox rows; cleared {Payloads} ledger payloads",
            report.VisitorsFound, report.VisitorRowsDeleted, report.ClicksDeleted, report.IdentitiesDeleted, report.OutboxRowsDeleted, report.LedgerPayloadsCleared);
        return report;
    }

    private async Task<(int Deleted, List<string> ClickIds)> DeleteVisitorsAsync(IEnumerable<string> visitorKeys, CancellationToken ct)
    {
        var table = clients.Tables.GetTableClient(names.Visitors);
        var deleted = 0;
        var clickIds = new List<string>();
        foreach (var key in visitorKeys)
        {
            await foreach (var row in PartitionAsync(table, key, ct))
            {
                if (row.GetString("ClickId") is { Length: > 0 } clickId) clickIds.Add(clickId);
                if (await TableScan.DeleteAsync(table, row.PartitionKey, row.RowKey, ct)) deleted++;
            }
        }
        return (deleted, clickIds);
    }

    private async Task<int> DeleteClicksAsync(IEnumerable<string> visitorKeys, CancellationToken ct)
    {
        var table = clients.Tables.GetTableClient(names.Clicks);
        var deleted = 0;
        foreach (var key in visitorKeys)
        {
            await foreach (var row in RowKeyAsync(table, key, ct))
                if (await TableScan.DeleteAsync(table, row.PartitionKey, row.RowKey, ct)) deleted++;
        }
        return deleted;
    }

    private async Task<int> DeleteOutboxRowsAsync(IReadOnlyCollection<string> needles, CancellationToken ct)
    {
        if (needles.Count == 0) return 0;
        var table = clients.Tables.GetTableClient(names.Outbox);
        var deleted = 0;
        await foreach (var row in TableScan.QueryAsync(table, null, null, ct))
        {
            var body = row.GetString("Body");
            if (body is null || !needles.Any(n => body.Contains(n, StringComparison.OrdinalIgnoreCase))) continue;
            if (await TableScan.DeleteAsync(table, row.PartitionKey, row.RowKey, ct)) deleted++;
        }
        return deleted;
    }

    private static IAsyncEnumerable<TableEntity> PartitionAsync(TableClient table, string partitionKey, CancellationToken ct) =>
        TableScan.QueryAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), null, ct);

    private static IAsyncEnumerable<TableEntity> RowKeyAsync(TableClient table, string rowKey, CancellationToken ct) =>
        TableScan.QueryAsync(table, TableClient.CreateQueryFilter($"RowKey eq {rowKey}"), null, ct);
}
