using Azure;
using Azure.Data.Tables;
using Pipeline.Events;
using Pipeline.Storage;

namespace Pipeline.Ingest;

/// <summary>
/// The ingest table: one row per idempotency key and one per delivery id, each in a partition of its own (the
/// encoded key) so every access is a point operation. The claim protocol is claim (insert <c>pending</c>) → enqueue
/// → mark (<c>enqueued</c>): a crash anywhere leaves either nothing acknowledged or a pending row that the source's
/// retry enqueues again, so nothing accepted is lost and nothing is enqueued twice short of that crash.
/// </summary>
public sealed class IngestLedger(StorageClients clients, TableNames names, TimeProvider time)
{
    /// <summary>Row key of an idempotency key's row.</summary>
    public const string KeyRow = "key";

    /// <summary>Row key of a delivery id's row.</summary>
    public const string DeliveryRow = "delivery";

    private TableClient Table => clients.Tables.GetTableClient(names.Ingest);

    /// <summary>Claims <paramref name="key"/> for <paramref name="evt"/>, or reports what an earlier claim left.</summary>
    public async Task<IngestClaim> ClaimAsync(string key, CanonicalEvent evt, CancellationToken ct)
    {
        var entity = new TableEntity(TableKeys.Encode(key), KeyRow)
        {
            ["Key"] = key,
            ["State"] = IngestState.Pending,
            ["EventId"] = evt.EventId,
            ["EventName"] = evt.EventName,
            ["Source"] = evt.Source,
            ["Enqueues"] = 0,
            ["ClaimedAt"] = time.GetUtcNow(),
        };
        try
        {
            await Table.AddEntityAsync(entity, ct);
            return new IngestClaim(key, IngestClaimOutcome.New, 0);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }

        // Only an operator deletes rows; if that happened in between, enqueueing again is the safe side.
        var existing = await GetKeyAsync(key, ct);
        return existing?.State == IngestState.Enqueued
            ? new IngestClaim(key, IngestClaimOutcome.AlreadyEnqueued, existing.Enqueues)
            : new IngestClaim(key, IngestClaimOutcome.Unfinished, existing?.Enqueues ?? 0);
    }

    /// <summary>Records that the claimed key's event is on the queue.</summary>
    public Task MarkEnqueuedAsync(IngestClaim claim, CancellationToken ct)
    {
        var entity = new TableEntity(TableKeys.Encode(claim.Key), KeyRow)
        {
            ["State"] = IngestState.Enqueued,
            ["Enqueues"] = claim.Enqueues + 1,
            ["EnqueuedAt"] = time.GetUtcNow(),
        };
        return Table.UpsertEntityAsync(entity, TableUpdateMode.Merge, ct);
    }

    public async Task<IngestKeyRecord?> GetKeyAsync(string key, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Encode(key), KeyRow, cancellationToken: ct);
        if (!row.HasValue || row.Value is not { } e) return null;
        return new IngestKeyRecord(
            e.GetString("Key") ?? key,
            e.GetString("State") ?? IngestState.Pending,
            e.GetString("EventId") ?? "",
            e.GetString("EventName") ?? "",
            e.GetString("Source"),
            e.GetInt32("Enqueues") ?? 0,
            e.GetDateTimeOffset("ClaimedAt") ?? default,
            e.GetDateTimeOffset("EnqueuedAt"));
    }

    /// <summary>Records one arrival of a delivery id and the keys it carried; a repeat counts up.</summary>
    public async Task RecordDeliveryAsync(string deliveryId, string source, IEnumerable<string> keys, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var previous = await GetDeliveryAsync(deliveryId, ct);
        var entity = new TableEntity(TableKeys.Encode(deliveryId), DeliveryRow)
        {
            ["DeliveryId"] = deliveryId,
            ["Source"] = source,
            ["Keys"] = string.Join(' ', keys),
            ["Deliveries"] = (previous?.Deliveries ?? 0) + 1,
            ["FirstSeenAt"] = previous?.FirstSeenAt ?? now,
            ["LastSeenAt"] = now,
        };
        // Concurrent arrivals may both read the same count: the count is informative, the keys decide idempotency.
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
    }

    public async Task<IngestDeliveryRecord?> GetDeliveryAsync(string deliveryId, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Encode(deliveryId), DeliveryRow, cancellationToken: ct);
        if (!row.HasValue || row.Value is not { } e) return null;
        return new IngestDeliveryRecord(
            e.GetString("DeliveryId") ?? deliveryId,
            e.GetString("Source") ?? "",
            e.GetString("Keys") ?? "",
            e.GetInt32("Deliveries") ?? 0,
            e.GetDateTimeOffset("FirstSeenAt") ?? default,
            e.GetDateTimeOffset("LastSeenAt") ?? default);
    }
}
