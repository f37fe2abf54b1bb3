using Microsoft.Extensions.Logging;
using Pipeline.Configuration;
using Pipeline.DeadLetter;
using Pipeline.Events;
using Pipeline.Ledger;
using Pipeline.Send;
using Pipeline.Storage;

namespace Pipeline.Replay;

/// <summary>
/// Puts dead-lettered deliveries back on their queue with the same event ids, so the platforms' deduplication keeps
/// a replay of something that did arrive harmless. A delivery row goes back to the deliveries queue for its one
/// destination, with its attempts reset; an event that failed to be matched goes back to the events queue. The
/// event keeps its own event time, so the platforms' age limits still apply.
/// </summary>
public sealed class ReplayService(DeliveryLedger ledger, PipelineQueues queues, TimeProvider time, ILogger<ReplayService> logger)
{
    /// <summary>Ledger reason of a row a replay put back on its queue.</summary>
    public const string RequestedPrefix = "replay requested: ";

    /// <summary>
    /// A row a replay claimed and that is still pending after this long is replayed again: past the queue trigger's
    /// 10-minute message lease, so a message that did reach the queue has been handled by then.
    /// </summary>
    public static readonly TimeSpan UnfinishedAfter = TimeSpan.FromMinutes(15);

    public async Task<ReplaySummary> ReplayAsync(ReplayRequest request, CancellationToken ct)
    {
        var note = string.IsNullOrWhiteSpace(request.Note) ? ReplayRequest.DefaultNote : request.Note.Trim();
        int matched = 0, enqueued = 0, skipped = 0;
        var items = new List<ReplayItem>();
        await foreach (var (row, version) in DeadOrUnfinishedAsync(request.Filter, ct))
        {
            matched++;
            var outcome = await ReplayOneAsync(row, version, note, request.DryRun, ct);
            if (outcome is Outcome.Enqueued) enqueued++;
            else skipped++;
            if (items.Count < ReplaySummary.MaxListed)
                items.Add(new ReplayItem(row.EventId, row.Destination, Describe(outcome, request.DryRun), row.LastError));
        }

        logger.LogWarning("Replay ({Note}){DryRun}: {Matched} matched, {Enqueued} enqueued, {Skipped} skipped",
            note, request.DryRun ? " dry run" : "", matched, enqueued, skipped);
        return new ReplaySummary { DryRun = request.DryRun, Matched = matched, Enqueued = enqueued, Skipped = skipped, Items = items };
    }

    private enum Outcome { Enqueued, NoPayload, Unreadable, Raced }

    /// <summary>
    /// Dead rows the filter matches, and rows an earlier replay claimed (pending, "replay requested") more than
    /// <see cref="UnfinishedAfter"/> ago: that replay may have died between its claim and its enqueue.
    /// </summary>
    private async IAsyncEnumerable<LedgerRow> DeadOrUnfinishedAsync(ReplayFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in ledger.QueryByStateAsync(DeliveryState.Dead, ct))
            if (filter.Matches(row.Entry)) yield return row;
        var before = time.GetUtcNow() - UnfinishedAfter;
        await foreach (var row in ledger.QueryByStateAsync(DeliveryState.Pending, ct))
        {
            if (row.Entry.Reason?.StartsWith(RequestedPrefix, StringComparison.Ordinal) == true && row.Entry.UpdatedAt < before
                && filter.MatchesCriteria(row.Entry))
                yield return row;
        }
    }

    private async Task<Outcome> ReplayOneAsync(LedgerEntry row, Azure.ETag version, string note, bool dryRun, CancellationToken ct)
    {
        if (row.EventId == DeadLetterHandler.UnreadablePartition) return Outcome.Unreadable;
        if (row.Payload is null) return Outcome.NoPayload;

        var toEvents = row.Destination == DeliveryLedger.MatchRow;
        var message = toEvents ? EventsMessage(row.Payload) : DeliveriesMessage(row, note);
        if (message is null) return Outcome.Unreadable;
        if (dryRun) return Outcome.Enqueued;

        // The claim: pending before the enqueue, written only if the row is unchanged since the scan, so of two
        // concurrent replays exactly one puts it back (the sender skips a dead row; a second replay must not find it).
        var pending = row with { State = DeliveryState.Pending, Attempts = 0, Reason = RequestedPrefix + note, NextAttemptAt = null };
        if (await ledger.TryReplaceAsync(pending, version, ct) is not { } claimed) return Outcome.Raced;
        try
        {
            if (toEvents) await queues.SendEventAsync(message, ct);
            else await queues.SendDeliveryAsync(message, null, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Back to dead so the next replay finds it, unless the row moved on; the failure reaches the operator.
            await ledger.TryReplaceAsync(row with { State = DeliveryState.Dead }, claimed, CancellationToken.None);
            logger.LogError("Replay of event {EventId} to {Destination} could not be enqueued: {Error}", row.EventId, row.Destination, e.GetType().Name);
            throw;
        }
        return Outcome.Enqueued;
    }

    private static string? EventsMessage(string payload) => TryRead<EventMessage>(payload) is null ? null : payload;

    private static string? DeliveriesMessage(LedgerEntry row, string note)
    {
        var delivery = TryRead<DeliveryMessage>(row.Payload!);
        var target = delivery?.Targets.FirstOrDefault(t => t.Destination == row.Destination);
        if (delivery is null || target is null) return null;
        return Json.Serialize(delivery with { Targets = [target], Attempts = 0, Replay = note });
    }

    private static string Describe(Outcome outcome, bool dryRun) => outcome switch
    {
        Outcome.Enqueued => dryRun ? "would enqueue" : "enqueued",
        Outcome.NoPayload => "skipped: no payload kept",
        Outcome.Unreadable => "skipped: payload unreadable",
        _ => "skipped: replayed by another request",
    };

    private static T? TryRead<T>(string json) where T : class
    {
        try { return Json.Deserialize<T>(json); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
