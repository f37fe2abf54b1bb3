using Azure;
using Azure.Data.Tables;
using Pipeline.Storage;

namespace Pipeline.Ledger;

/// <summary>
/// The delivery ledger table. Partition = event id (spreads load, keeps an event's destinations together);
/// row = destination id. Payloads over the property limit are not kept (messages are far smaller).
/// </summary>
public sealed class DeliveryLedger(StorageClients clients, TableNames names, TimeProvider time)
{
    /// <summary>Row key of the matcher's own record for an event (not a destination).</summary>
    public const string MatchRow = "~match";

    private const int MaxPropertyChars = 32_000;

    private TableClient Table => clients.Tables.GetTableClient(names.Ledger);

    public async Task<LedgerEntry?> GetAsync(string eventId, string destination, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Encode(eventId), TableKeys.Encode(destination), cancellationToken: ct);
        return row.HasValue && row.Value is { } entity ? FromEntity(entity) : null;
    }

    public async Task<IReadOnlyList<LedgerEntry>> GetEventAsync(string eventId, CancellationToken ct) =>
        (await ReadEventAsync(eventId, ct)).Values.Select(r => r.Entry).ToList();

    /// <summary>The row with the version it was read at, or null.</summary>
    public async Task<LedgerRow?> ReadAsync(string eventId, string destination, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Encode(eventId), TableKeys.Encode(destination), cancellationToken: ct);
        return row.HasValue && row.Value is { } entity ? new LedgerRow(FromEntity(entity), entity.ETag) : null;
    }

    /// <summary>Every row of one event (its hand-off row and one per destination) with their versions: one partition query.</summary>
    public async Task<IReadOnlyDictionary<string, LedgerRow>> ReadEventAsync(string eventId, CancellationToken ct)
    {
        var pk = TableKeys.Encode(eventId);
        var rows = new Dictionary<string, LedgerRow>(StringComparer.Ordinal);
        await foreach (var e in Table.QueryAsync<TableEntity>(x => x.PartitionKey == pk, cancellationToken: ct))
        {
            var entry = FromEntity(e);
            rows[entry.Destination] = new LedgerRow(entry, e.ETag);
        }
        return rows;
    }

    /// <summary>
    /// Writes rows of one event in one entity-group transaction: each is inserted when <c>Expected</c> is null (fails
    /// if it exists), else replaced if still at that version. All or nothing: the new versions in order, or null when
    /// any row had changed (another writer won; read again and decide again).
    /// </summary>
    public async Task<IReadOnlyList<ETag>?> TryWriteAllAsync(IReadOnlyList<(LedgerEntry Entry, ETag? Expected)> rows, CancellationToken ct)
    {
        if (rows.Count == 1)
        {
            var (entry, expected) = rows[0];
            var single = expected is { } version ? await TryReplaceAsync(entry, version, ct) : await TryInsertAsync(entry, ct);
            return single is { } written ? [written] : null;
        }
        var now = time.GetUtcNow();
        var actions = rows.Select(r =>
        {
            var entity = ToEntity(Stamped(r.Entry, now));
            return r.Expected is { } version
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, version)
                : new TableTransactionAction(TableTransactionActionType.Add, entity);
        }).ToList();
        try
        {
            var response = await Table.SubmitTransactionAsync(actions, ct);
            return response.Value.Select(r => r.Headers.ETag ?? default).ToList();
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Creates the row if it does not exist: its version, or null when it already did (409).</summary>
    public async Task<ETag?> TryInsertAsync(LedgerEntry entry, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        try
        {
            var response = await Table.AddEntityAsync(ToEntity(Stamped(entry, now)), ct);
            return response.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>
    /// Replaces the row if it is still the version <paramref name="expected"/>: the new version, or null when another
    /// writer changed it (412) or it was deleted (404) since it was read.
    /// </summary>
    public async Task<ETag?> TryReplaceAsync(LedgerEntry entry, ETag expected, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        try
        {
            var response = await Table.UpdateEntityAsync(ToEntity(Stamped(entry, now)),
                expected, TableUpdateMode.Replace, ct);
            return response.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes <paramref name="entry"/> over whatever the row holds: only for rows no concurrent worker writes (the
    /// unreadable-message record, tests' fixtures). Every state change on the event path is conditional.
    /// </summary>
    public Task UpsertAsync(LedgerEntry entry, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var entity = ToEntity(Stamped(entry, now));
        return Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
    }

    /// <summary>
    /// Every row in the given state with the version it was read at, so a change made from the scan fails if the row
    /// changed since (an operator query: scans the table).
    /// </summary>
    public async IAsyncEnumerable<LedgerRow> QueryByStateAsync(string state, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var e in Table.QueryAsync<TableEntity>(x => x.GetString("State") == state, cancellationToken: ct))
            yield return new LedgerRow(FromEntity(e), e.ETag);
    }

    /// <summary>
    /// Adds <paramref name="source"/> to the <c>~match</c> row's <see cref="LedgerEntry.Sources"/>: called when an
    /// event id arrives again from another source (the browser and the server agreeing on the id, as they should).
    /// </summary>
    public async Task NoteSourceAsync(string eventId, string source, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Encode(eventId), TableKeys.Encode(MatchRow), cancellationToken: ct);
            if (!row.HasValue || row.Value is not { } entity) return;
            var sources = LedgerSources.Add(entity.GetString("Sources") ?? entity.GetString("Source"), source);
            if (sources == entity.GetString("Sources")) return;
            try
            {
                await Table.UpdateEntityAsync(new TableEntity(entity.PartitionKey, entity.RowKey) { ["Sources"] = sources }, entity.ETag, TableUpdateMode.Merge, ct);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Another writer changed the row in between: read it again.
            }
        }
    }

    /// <summary>The row as written now: updated now, and created now unless it already had a creation time.</summary>
    private static LedgerEntry Stamped(LedgerEntry entry, DateTimeOffset now) =>
        entry with { CreatedAt = entry.CreatedAt == default ? now : entry.CreatedAt, UpdatedAt = now };

    private static TableEntity ToEntity(LedgerEntry e)
    {
        var entity = new TableEntity(TableKeys.Encode(e.EventId), TableKeys.Encode(e.Destination))
        {
            ["EventId"] = e.EventId,
            ["Destination"] = e.Destination,
            ["EventName"] = e.EventName,
            ["State"] = e.State,
            ["Attempts"] = e.Attempts,
            ["LastError"] = Cut(e.LastError),
            ["Reason"] = Cut(e.Reason),
            ["Payload"] = e.Payload is { Length: <= MaxPropertyChars } ? e.Payload : null,
            ["Source"] = e.Source,
            ["EventTime"] = e.EventTime,
            ["CreatedAt"] = e.CreatedAt,
            ["UpdatedAt"] = e.UpdatedAt,
            ["DeliveredAt"] = e.DeliveredAt,
            ["NextAttemptAt"] = e.NextAttemptAt,
            ["LeaseUntil"] = e.LeaseUntil,
            ["LeaseId"] = e.LeaseId,
            ["OrderId"] = e.OrderId,
            ["MatchRule"] = e.MatchRule,
            ["Coverage"] = e.Coverage,
            ["Sources"] = e.Sources,
        };
        return entity;
    }

    private static string? Cut(string? s) => s is { Length: > 2000 } ? s[..2000] : s;

    internal static LedgerEntry FromEntity(TableEntity e) => new()
    {
        EventId = e.GetString("EventId") ?? e.PartitionKey,
        Destination = e.GetString("Destination") ?? e.RowKey,
        EventName = e.GetString("EventName") ?? "",
        State = e.GetString("State") ?? DeliveryState.Pending,
        Attempts = e.GetInt32("Attempts") ?? 0,
        LastError = e.GetString("LastError"),
        Reason = e.GetString("Reason"),
        Payload = e.GetString("Payload"),
        Source = e.GetString("Source"),
        EventTime = e.GetInt64("EventTime") ?? 0,
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
        DeliveredAt = e.GetDateTimeOffset("DeliveredAt"),
        NextAttemptAt = e.GetDateTimeOffset("NextAttemptAt"),
        LeaseUntil = e.GetDateTimeOffset("LeaseUntil"),
        LeaseId = e.GetString("LeaseId"),
        OrderId = e.GetString("OrderId"),
        MatchRule = e.GetString("MatchRule"),
        Coverage = e.GetString("Coverage"),
        Sources = e.GetString("Sources"),
    };
}
