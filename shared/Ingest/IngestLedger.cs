using Azure;
using Azure.Data.Tables;
using Pipeline.Configuration;
using Pipeline.Events;
using Pipeline.Storage;

namespace Pipeline.Ingest;

/// <summary>
/// The ingest table: one row per idempotency key and one per delivery id, each in a partition of its own (the
/// encoded key) so every access is a point operation. The claim protocol is claim (insert <c>pending</c> with a lease)
/// → enqueue → mark (<c>enqueued</c>, ETag-checked): of concurrent copies exactly one claims and enqueues; a crash
/// anywhere leaves either nothing acknowledged or a pending row whose lease runs out, after which the source's retry
/// takes it over and enqueues (docs/delivery-protocol.md).
/// </summary>
public sealed class IngestLedger(StorageClients clients, TableNames names, PipelineOptions options, TimeProvider time)
{
    /// <summary>Row key of an idempotency key's row.</summary>
    public const string KeyRow = "key";

    /// <summary>Row key of a delivery id's row.</summary>
    public const string DeliveryRow = "delivery";

    private TableClient Table => clients.Tables.GetTableClient(names.Ingest);

    private LeaseOptions Leases => options.Leases;

    /// <summary>
    /// Claims <paramref name="key"/> for <paramref name="evt"/>: insert-if-absent, with a lease. A key another request
    /// holds under a live lease is waited on (at most <see cref="LeaseOptions.IngestClaimWait"/>) until it is marked
    /// enqueued (a duplicate) or its lease runs out (taken over, ETag-checked, so only one request takes it).
    /// </summary>
    public async Task<IngestClaim> ClaimAsync(string key, CanonicalEvent evt, CancellationToken ct)
    {
        var partition = TableKeys.Encode(key);
        var waitUntil = time.GetUtcNow() + LeaseOptions.IngestClaimWait;
        var pause = TimeSpan.FromMilliseconds(50);
        var insert = true;
        while (true)
        {
            var now = time.GetUtcNow();
            if (insert)
            {
                var entity = new TableEntity(partition, KeyRow)
                {
                    ["Key"] = key,
                    ["State"] = IngestState.Pending,
                    ["EventId"] = evt.EventId,
                    ["EventName"] = evt.EventName,
                    ["Source"] = evt.Source,
                    ["Enqueues"] = 0,
                    ["ClaimedAt"] = now,
                    ["ClaimedUntil"] = now + Leases.IngestClaim,
                };
                try
                {
                    var added = await Table.AddEntityAsync(entity, ct);
                    return new IngestClaim(key, IngestClaimOutcome.New, 0, added.Headers.ETag ?? default);
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    insert = false;
                }
            }

            var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, KeyRow, cancellationToken: ct);
            if (!row.HasValue || row.Value is not { } existing)
            {
                // Only an operator deletes rows; claim it afresh.
                insert = true;
                continue;
            }
            var enqueues = existing.GetInt32("Enqueues") ?? 0;
            if (existing.GetString("State") == IngestState.Enqueued) return new IngestClaim(key, IngestClaimOutcome.AlreadyEnqueued, enqueues);

            now = time.GetUtcNow();
            // A row claimed before claims had leases has none: it is treated as expired.
            var until = existing.GetDateTimeOffset("ClaimedUntil") ?? default;
            if (until <= now)
            {
                var takeOver = new TableEntity(partition, KeyRow) { ["ClaimedAt"] = now, ["ClaimedUntil"] = now + Leases.IngestClaim };
                try
                {
                    var taken = await Table.UpdateEntityAsync(takeOver, existing.ETag, TableUpdateMode.Merge, ct);
                    return new IngestClaim(key, IngestClaimOutcome.TakenOver, enqueues, taken.Headers.ETag ?? default);
                }
                catch (RequestFailedException e) when (e.Status is 412 or 404)
                {
                    // Another request took it over, or finished, in between: look again.
                    continue;
                }
            }
            if (now >= waitUntil) return new IngestClaim(key, IngestClaimOutcome.InFlight, enqueues, HeldUntil: until);
            await Task.Delay(pause, time, ct);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 400));
        }
    }

    /// <summary>
    /// Records that the claimed key's event is on the queue, if the claim is still this request's. False when its
    /// lease ran out and another request took the key over (that request enqueues and marks too: the matcher and the
    /// sender absorb the second copy).
    /// </summary>
    public async Task<bool> MarkEnqueuedAsync(IngestClaim claim, CancellationToken ct)
    {
        var entity = new TableEntity(TableKeys.Encode(claim.Key), KeyRow)
        {
            ["State"] = IngestState.Enqueued,
            ["Enqueues"] = claim.Enqueues + 1,
            ["EnqueuedAt"] = time.GetUtcNow(),
        };
        try
        {
            await Table.UpdateEntityAsync(entity, claim.Version, TableUpdateMode.Merge, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Ends a claim whose enqueue failed, so the source's retry takes the key at once instead of after the lease.</summary>
    public async Task ReleaseAsync(IngestClaim claim, CancellationToken ct)
    {
        var entity = new TableEntity(TableKeys.Encode(claim.Key), KeyRow) { ["ClaimedUntil"] = time.GetUtcNow() };
        try
        {
            await Table.UpdateEntityAsync(entity, claim.Version, TableUpdateMode.Merge, ct);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            // Someone else holds it now.
        }
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

    /// <summary>
    /// Records one arrival of a delivery id and the keys it carried; a repeat counts up. Insert-if-absent, then
    /// ETag-checked increments, so concurrent arrivals are each counted once.
    /// </summary>
    public async Task RecordDeliveryAsync(string deliveryId, string source, IEnumerable<string> keys, CancellationToken ct)
    {
        var partition = TableKeys.Encode(deliveryId);
        var carried = string.Join(' ', keys);
        var now = time.GetUtcNow();
        try
        {
            await Table.AddEntityAsync(new TableEntity(partition, DeliveryRow)
            {
                ["DeliveryId"] = deliveryId,
                ["Source"] = source,
                ["Keys"] = carried,
                ["Deliveries"] = 1,
                ["FirstSeenAt"] = now,
                ["LastSeenAt"] = now,
            }, ct);
            return;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }

        for (var round = 0; round < 20; round++)
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, DeliveryRow, cancellationToken: ct);
            if (!row.HasValue || row.Value is not { } existing) return;
            var update = new TableEntity(partition, DeliveryRow)
            {
                ["Keys"] = carried,
                ["Deliveries"] = (existing.GetInt32("Deliveries") ?? 0) + 1,
                ["LastSeenAt"] = time.GetUtcNow(),
            };
            try
            {
                await Table.UpdateEntityAsync(update, existing.ETag, TableUpdateMode.Merge, ct);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Another arrival counted itself in between: count on top of it.
            }
        }
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
