using Azure;
using Azure.Data.Tables;
using Pipeline.Configuration;
using Pipeline.Events;
using Pipeline.Ledger;
using Pipeline.Storage;

namespace Pipeline.Ingest;

/// <summary>
/// The ingest table: one partition per idempotency key (the encoded key) holding the key's row and, for deliveries
/// that arrived again, one row per repeated delivery id; the first arrival's delivery ids ride on the claim itself, so
/// a first delivery costs one write. The claim protocol is claim (insert <c>pending</c> with a lease) → enqueue; the
/// matcher's hand-off row (<c>~match</c> in the ledger) is the proof that the event was queued, so no mark is written:
/// of concurrent copies exactly one claims and enqueues, the others wait for the hand-off; a crash anywhere leaves
/// either nothing acknowledged or a pending row whose lease runs out without a hand-off, after which the source's
/// retry takes it over and enqueues (docs/delivery-protocol.md).
/// </summary>
public sealed class IngestLedger(StorageClients clients, TableNames names, PipelineOptions options, DeliveryLedger handOffs, TimeProvider time)
{
    /// <summary>Row key of an idempotency key's row.</summary>
    public const string KeyRow = "key";

    /// <summary>Row key prefix of a repeated delivery id's row in its key's partition.</summary>
    public const string DeliveryRowPrefix = "delivery~";

    private TableClient Table => clients.Tables.GetTableClient(names.Ingest);

    private LeaseOptions Leases => options.Leases;

    /// <summary>
    /// Claims <paramref name="key"/> for <paramref name="evt"/>: insert-if-absent, with a lease. A claimed key whose
    /// event the matcher has taken (its <c>~match</c> row exists) is a duplicate. One another request holds under a
    /// live lease is waited on (at most <see cref="LeaseOptions.IngestClaimWait"/>) until its event is handed off (a
    /// duplicate) or its lease runs out (taken over, ETag-checked, so only one request takes it).
    /// </summary>
    /// <param name="deliveryIds">The delivery ids this request carried (webhook and event ids), stored on a new claim.</param>
    public async Task<IngestClaim> ClaimAsync(string key, CanonicalEvent evt, IReadOnlyList<string> deliveryIds, CancellationToken ct)
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
                    // Counts enqueue attempts: this claim's is the first.
                    ["Enqueues"] = 1,
                    ["ClaimedAt"] = now,
                    ["ClaimedUntil"] = now + Leases.IngestClaim,
                };
                if (deliveryIds.Count > 0) entity["DeliveryIds"] = string.Join(' ', deliveryIds);
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
            // "enqueued" was written by a mark before the hand-off row became the proof; both mean the same.
            if (existing.GetString("State") == IngestState.Enqueued || await IsHandedOffAsync(existing, ct))
                return new IngestClaim(key, IngestClaimOutcome.AlreadyEnqueued, enqueues);

            now = time.GetUtcNow();
            // A row claimed before claims had leases has none: it is treated as expired.
            var until = existing.GetDateTimeOffset("ClaimedUntil") ?? default;
            if (until <= now)
            {
                var takeOver = new TableEntity(partition, KeyRow) { ["ClaimedAt"] = now, ["ClaimedUntil"] = now + Leases.IngestClaim, ["Enqueues"] = enqueues + 1 };
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

    /// <summary>Ends a claim whose enqueue failed, so the source's retry takes the key at once instead of after the lease.</summary>
    public async Task ReleaseAsync(IngestClaim claim, CancellationToken ct)
    {
        var entity = new TableEntity(TableKeys.Encode(claim.Key), KeyRow) { ["ClaimedUntil"] = time.GetUtcNow(), ["Enqueues"] = claim.Enqueues };
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
        var enqueued = e.GetString("State") == IngestState.Enqueued || await IsHandedOffAsync(e, ct);
        return new IngestKeyRecord(
            e.GetString("Key") ?? key,
            enqueued ? IngestState.Enqueued : IngestState.Pending,
            e.GetString("EventId") ?? "",
            e.GetString("EventName") ?? "",
            e.GetString("Source"),
            e.GetInt32("Enqueues") ?? 0,
            e.GetDateTimeOffset("ClaimedAt") ?? default,
            enqueued ? e.GetDateTimeOffset("EnqueuedAt") ?? e.GetDateTimeOffset("ClaimedAt") : null);
    }

    // The matcher writes the event's hand-off row when it first takes the event off the queue: from then on the event
    // is the matcher's, so a later copy of the key is a duplicate. Read only when a key is met again (retries, copies).
    private async Task<bool> IsHandedOffAsync(TableEntity keyRow, CancellationToken ct) =>
        keyRow.GetString("EventId") is { Length: > 0 } eventId && await handOffs.GetAsync(eventId, DeliveryLedger.MatchRow, ct) is not null;

    /// <summary>
    /// Records one more arrival of a delivery id for a key whose claim this request did not make (a retry, or a
    /// duplicate from another subscription): a row in the key's partition, insert-if-absent, then ETag-checked
    /// increments, so concurrent arrivals are each counted once. The first arrival is on the claim
    /// (<see cref="ClaimAsync"/>) and costs nothing here.
    /// </summary>
    public async Task RecordRepeatDeliveryAsync(string key, string deliveryId, string source, CancellationToken ct)
    {
        var partition = TableKeys.Encode(key);
        var rowKey = TableKeys.Encode(deliveryId, prefix: DeliveryRowPrefix);
        var now = time.GetUtcNow();
        try
        {
            await Table.AddEntityAsync(new TableEntity(partition, rowKey)
            {
                ["DeliveryId"] = deliveryId,
                ["Source"] = source,
                ["Repeats"] = 1,
                ["FirstRepeatAt"] = now,
                ["LastSeenAt"] = now,
            }, ct);
            return;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }

        for (var round = 0; round < 20; round++)
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: ct);
            if (!row.HasValue || row.Value is not { } existing) return;
            var update = new TableEntity(partition, rowKey)
            {
                ["Repeats"] = (existing.GetInt32("Repeats") ?? 0) + 1,
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

    /// <summary>
    /// Every delivery id that arrived for <paramref name="key"/> and how often: the claim's own ids (once each) plus
    /// the repeats. One partition query.
    /// </summary>
    public async Task<IReadOnlyList<IngestDeliveryRecord>> GetDeliveriesAsync(string key, CancellationToken ct)
    {
        var partition = TableKeys.Encode(key);
        var first = new List<string>();
        DateTimeOffset claimedAt = default;
        var repeats = new Dictionary<string, (string Source, int Repeats, DateTimeOffset? FirstRepeatAt, DateTimeOffset LastSeenAt)>(StringComparer.Ordinal);
        var source = "";
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: ct))
        {
            if (row.RowKey == KeyRow)
            {
                first.AddRange((row.GetString("DeliveryIds") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
                claimedAt = row.GetDateTimeOffset("ClaimedAt") ?? default;
                source = row.GetString("Source") ?? "";
            }
            else if (row.RowKey.StartsWith(DeliveryRowPrefix, StringComparison.Ordinal) && row.GetString("DeliveryId") is { } id)
            {
                repeats[id] = (row.GetString("Source") ?? "", row.GetInt32("Repeats") ?? 0, row.GetDateTimeOffset("FirstRepeatAt"), row.GetDateTimeOffset("LastSeenAt") ?? default);
            }
        }

        var records = new List<IngestDeliveryRecord>();
        foreach (var id in first.Concat(repeats.Keys).Distinct(StringComparer.Ordinal))
        {
            var onClaim = first.Contains(id);
            repeats.TryGetValue(id, out var r);
            records.Add(new IngestDeliveryRecord(
                id,
                key,
                r.Source is { Length: > 0 } s ? s : source,
                (onClaim ? 1 : 0) + r.Repeats,
                onClaim ? claimedAt : r.FirstRepeatAt ?? default,
                r.Repeats > 0 ? r.LastSeenAt : claimedAt));
        }
        return records;
    }

    /// <summary>How often <paramref name="deliveryId"/> arrived for <paramref name="key"/>; null when it never did.</summary>
    public async Task<IngestDeliveryRecord?> GetDeliveryAsync(string key, string deliveryId, CancellationToken ct) =>
        (await GetDeliveriesAsync(key, ct)).FirstOrDefault(d => d.DeliveryId == deliveryId);
}
