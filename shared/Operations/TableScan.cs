using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Pipeline.Operations;

/// <summary>Reads a table page by page; a table that does not exist yet reads as empty.</summary>
internal static class TableScan
{
    public static async IAsyncEnumerable<TableEntity> QueryAsync(
        TableClient table, string? filter, IEnumerable<string>? select, [EnumeratorCancellation] CancellationToken ct)
    {
        var pages = table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: select, cancellationToken: ct).AsPages();
        await using var pager = pages.GetAsyncEnumerator(ct);
        while (true)
        {
            Page<TableEntity> page;
            try
            {
                if (!await pager.MoveNextAsync()) yield break;
                page = pager.Current;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                yield break;
            }
            foreach (var entity in page.Values) yield return entity;
        }
    }

    /// <summary>Deletes a row unless it changed since it was read; true when it is gone.</summary>
    public static async Task<bool> DeleteIfUnchangedAsync(TableClient table, ITableEntity entity, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404)
        {
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412)
        {
            return false;
        }
    }

    /// <summary>Deletes a row whatever its version (erasure must win over a concurrent write).</summary>
    public static async Task<bool> DeleteAsync(TableClient table, string partitionKey, string rowKey, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404)
        {
            return false;
        }
    }
}
