using Pipeline.Storage;

namespace Pipeline.Ingest;

/// <summary>
/// Puts events on the events queue at most once per idempotency key, with <see cref="IngestLedger"/>'s claim →
/// enqueue → mark protocol. Storage errors propagate: the caller answers 503 and acknowledges nothing.
/// </summary>
public sealed class EventIntake(IngestLedger ledger, PipelineQueues queues)
{
    /// <param name="dropContentsIfTooLarge">See <see cref="EventMessageJson.Build"/>.</param>
    public async Task<IntakeResult> EnqueueOnceAsync(IReadOnlyList<IntakeItem> items, bool dropContentsIfTooLarge, CancellationToken ct)
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
        for (var i = 0; i < items.Count; i++)
        {
            var claim = await ledger.ClaimAsync(items[i].IdempotencyKey, items[i].Event, ct);
            if (!claim.MustEnqueue)
            {
                duplicates.Add(items[i].Event.EventId);
                continue;
            }
            await queues.SendEventAsync(messages[i], ct);
            await ledger.MarkEnqueuedAsync(claim, ct);
            enqueued.Add(items[i].Event.EventId);
        }
        return new IntakeResult(enqueued, duplicates);
    }
}
