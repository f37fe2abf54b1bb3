using Pipeline.Storage;

namespace Pipeline.Ingest;

/// <summary>
/// Puts events on the events queue once per idempotency key, with <see cref="IngestLedger"/>'s claim → enqueue
/// protocol. Storage errors propagate: the caller answers 503 and acknowledges nothing. A key another request is
/// enqueueing right now comes back as in flight: the caller answers 409 with Retry-After, since that request may
/// still fail.
/// </summary>
public sealed class EventIntake(IngestLedger ledger, PipelineQueues queues, TimeProvider time)
{
    /// <param name="dropContentsIfTooLarge">See <see cref="EventMessageJson.Build"/>.</param>
    /// <param name="delivery">
    /// The source's delivery ids (webhook id, event id), recorded per key: on the claim when this request makes it, as
    /// a repeat otherwise (only when the request is answered, not when it must be retried).
    /// </param>
    public async Task<IntakeResult> EnqueueOnceAsync(IReadOnlyList<IntakeItem> items, bool dropContentsIfTooLarge, SourceDelivery? delivery, CancellationToken ct)
    {
        // Every message is built before any key is claimed, so a batch that cannot be queued whole claims nothing.
        var messages = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var evt = items[i].Event;
            if (evt.OriginalEventId is null && items[i].OriginalKey is { } originalKey
                && await ledger.GetKeyAsync(originalKey, ct) is { EventId.Length: > 0 } original)
                evt = evt with { OriginalEventId = original.EventId };
            var (json, error) = EventMessageJson.Build(evt, dropContentsIfTooLarge);
            if (error is not null) return IntakeResult.Rejected(i, error);
            messages.Add(json!);
        }

        var enqueued = new List<string>();
        var duplicates = new List<string>();
        var inFlight = new List<string>();
        var retryAfter = TimeSpan.Zero;
        var repeatedKeys = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var claim = await ledger.ClaimAsync(items[i].IdempotencyKey, items[i].Event, delivery?.Ids ?? [], ct);
            if (claim.Outcome != IngestClaimOutcome.New) repeatedKeys.Add(items[i].IdempotencyKey);
            if (claim.Outcome == IngestClaimOutcome.AlreadyEnqueued)
            {
                duplicates.Add(items[i].Event.EventId);
                continue;
            }
            if (claim.Outcome == IngestClaimOutcome.InFlight)
            {
                inFlight.Add(items[i].Event.EventId);
                var left = (claim.HeldUntil ?? time.GetUtcNow()) - time.GetUtcNow();
                if (left > retryAfter) retryAfter = left;
                continue;
            }
            try
            {
                await queues.SendEventAsync(messages[i], ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                await ReleaseQuietlyAsync(claim);
                throw;
            }
            enqueued.Add(items[i].Event.EventId);
        }
        if (inFlight.Count > 0) return new IntakeResult(enqueued, duplicates, InFlight: inFlight, RetryAfter: retryAfter);
        if (delivery is not null)
        {
            foreach (var key in repeatedKeys)
            foreach (var id in delivery.Ids)
                await ledger.RecordRepeatDeliveryAsync(key, id, delivery.Source, ct);
        }
        return new IntakeResult(enqueued, duplicates);
    }

    private async Task ReleaseQuietlyAsync(IngestClaim claim)
    {
        try
        {
            await ledger.ReleaseAsync(claim, CancellationToken.None);
        }
        catch (Exception e) when (StorageFailure.IsStorageOutage(e))
        {
            // Storage is away: the claim's lease runs out on its own, and the source's retry takes it over then.
        }
    }
}
