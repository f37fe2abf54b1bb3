using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Pipeline.Ledger;
using Pipeline.Operations;
using Pipeline.Storage;

namespace Pipeline.Privacy;

/// <summary>
/// Enforces the retention settings: deletes visitor, click and identity rows past <c>IdentityDays</c>, truncates
/// visitor IPs past <c>IpTruncateDays</c> and clears ledger payloads past <c>LedgerPayloadDays</c>. Run daily.
/// </summary>
/// <remarks>
/// A row's age is its own time (LastSeen on profiles, CapturedAt on clicks, LinkedAt on identities), else the
/// table's Timestamp. Each table is scanned with a server-side filter on those times. A row rewritten between the
/// read and the delete is left for the next run.
/// </remarks>
public sealed class RetentionPurger(
    StorageClients clients,
    TableNames names,
    LedgerScanner ledger,
    OperationsOptions options,
    TimeProvider time,
    ILogger<RetentionPurger> logger)
{
    private static readonly string[] TimeProperties = ["LastSeen", "CapturedAt", "LinkedAt"];

    public async Task<RetentionReport> PurgeAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var retention = options.Retention;
        var identityCutoff = now.AddDays(-retention.IdentityDays);
        var ipCutoff = now.AddDays(-retention.IpTruncateDays);

        var (visitorsDeleted, ipsTruncated) = await PurgeVisitorsAsync(identityCutoff, ipCutoff, ct);
        var clicksDeleted = await DeleteOlderThanAsync(clients.Tables.GetTableClient(names.Clicks), identityCutoff, ct);
        var identitiesDeleted = await DeleteOlderThanAsync(clients.Tables.GetTableClient(names.Identities), identityCutoff, ct);
        var payloadsCleared = await ledger.ClearPayloadsOlderThanAsync(now.AddDays(-retention.LedgerPayloadDays), ct);

        var report = new RetentionReport(visitorsDeleted, clicksDeleted, identitiesDeleted, ipsTruncated, payloadsCleared);
        logger.LogInformation(
            "Retention: deleted {Visitors} visitor rows, {Clicks} clicks, {Identities} identity links; truncated {Ips} IPs; cleared {Payloads} ledger payloads",
            report.VisitorRowsDeleted, report.ClicksDeleted, report.IdentitiesDeleted, report.IpsTruncated, report.LedgerPayloadsCleared);
        return report;
    }

    private async Task<(int Deleted, int Truncated)> PurgeVisitorsAsync(DateTimeOffset identityCutoff, DateTimeOffset ipCutoff, CancellationToken ct)
    {
        var table = clients.Tables.GetTableClient(names.Visitors);
        var (deleted, truncated) = (0, 0);
        var newest = identityCutoff > ipCutoff ? identityCutoff : ipCutoff;
        await foreach (var row in TableScan.QueryAsync(table, OlderThan(newest), null, ct))
        {
            var age = AgeOf(row);
            if (age < identityCutoff)
            {
                if (await TableScan.DeleteIfUnchangedAsync(table, row, ct)) deleted++;
                continue;
            }
            if (age >= ipCutoff || row.GetString("Ip") is not { Length: > 0 } ip) continue;
            var cut = IpTruncation.Truncate(ip);
            if (cut == ip) continue;
            // Merge touches Ip alone; the ETag keeps a visitor who just came back (and a fresh IP) untouched.
            var update = new TableEntity(row.PartitionKey, row.RowKey) { ["Ip"] = cut ?? "" };
            try
            {
                await table.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, ct);
                truncated++;
            }
            catch (Azure.RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Changed or gone since the read; the next run looks again.
            }
        }
        return (deleted, truncated);
    }

    private static async Task<int> DeleteOlderThanAsync(TableClient table, DateTimeOffset cutoff, CancellationToken ct)
    {
        var deleted = 0;
        await foreach (var row in TableScan.QueryAsync(table, OlderThan(cutoff), null, ct))
        {
            if (AgeOf(row) < cutoff && await TableScan.DeleteIfUnchangedAsync(table, row, ct)) deleted++;
        }
        return deleted;
    }

    /// <summary>Rows whose own time, or whose last write, is before the cutoff (the client then decides by <see cref="AgeOf"/>).</summary>
    private static string OlderThan(DateTimeOffset cutoff) => string.Join(" or ",
        TableClient.CreateQueryFilter($"LastSeen lt {cutoff}"),
        TableClient.CreateQueryFilter($"CapturedAt lt {cutoff}"),
        TableClient.CreateQueryFilter($"LinkedAt lt {cutoff}"),
        TableClient.CreateQueryFilter($"Timestamp lt {cutoff}"));

    private static DateTimeOffset AgeOf(TableEntity row)
    {
        foreach (var p in TimeProperties)
        {
            if (row.GetDateTimeOffset(p) is { } t) return t;
        }
        return row.Timestamp ?? DateTimeOffset.MaxValue;
    }
}
