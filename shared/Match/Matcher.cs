using Microsoft.Extensions.Logging;
using Pipeline.Configuration;
using Pipeline.Destinations;
using Pipeline.Events;
using Pipeline.Ledger;
using Pipeline.Send;
using Pipeline.Storage;

namespace Pipeline.Match;

/// <summary>
/// Stage two: takes an event from the events queue, joins it to its visitor, decides per destination whether it may
/// go, and hands it to the sender once.
/// </summary>
public sealed class Matcher(
    DestinationRegistry destinations,
    DeliveryLedger ledger,
    PipelineQueues queues,
    TimeProvider time,
    ILogger<Matcher> logger)
{
    public async Task HandleAsync(string message, CancellationToken ct)
    {
        var envelope = Json.Deserialize<EventMessage>(message)
            ?? throw new InvalidDataException("Empty events message.");
        var evt = envelope.Event;

        // A redelivered message finds the hand-off already recorded and stops here.
        var handoff = await ledger.GetAsync(evt.EventId, DeliveryLedger.MatchRow, ct);
        if (handoff?.State == DeliveryState.Delivered)
        {
            logger.LogInformation("Event {EventId} already handed off; redelivery ignored", evt.EventId);
            return;
        }

        var match = new MatchRecord { Rule = "none" };
        var targets = new List<DeliveryTarget>();
        foreach (var (options, _) in destinations.Enabled)
        {
            if (!EventMapping.TryMap(options, evt.EventName, out var platformName))
            {
                await RecordSkipAsync(evt, options.Id, $"event '{evt.EventName}' is not mapped for this destination", ct);
                continue;
            }
            targets.Add(new DeliveryTarget
            {
                Destination = options.Id,
                EventName = platformName,
                Test = evt.Test || string.Equals(options.Mode, "test", StringComparison.OrdinalIgnoreCase),
            });
        }

        if (targets.Count > 0)
        {
            var delivery = new DeliveryMessage { Event = evt, Targets = targets, Match = match };
            await queues.SendDeliveryAsync(Json.Serialize(delivery), null, ct);
        }

        // Written after the enqueue: a crash in between re-enqueues once more, and Send's ledger check absorbs it.
        await ledger.UpsertAsync(new LedgerEntry
        {
            EventId = evt.EventId,
            Destination = DeliveryLedger.MatchRow,
            EventName = evt.EventName,
            State = DeliveryState.Delivered,
            Attempts = (handoff?.Attempts ?? 0) + 1,
            Reason = $"matched by {match.Rule}; {targets.Count} destination(s)",
            Source = evt.Source,
            EventTime = evt.EventTime,
            CreatedAt = handoff?.CreatedAt ?? default,
            DeliveredAt = time.GetUtcNow(),
        }, ct);
        logger.LogInformation("Event {EventId} matched by {Rule}, handed to {Count} destination(s)", evt.EventId, match.Rule, targets.Count);
    }

    private async Task RecordSkipAsync(CanonicalEvent evt, string destination, string reason, CancellationToken ct)
    {
        await ledger.TryAddAsync(new LedgerEntry
        {
            EventId = evt.EventId,
            Destination = destination,
            EventName = evt.EventName,
            State = DeliveryState.Skipped,
            Reason = reason,
            Source = evt.Source,
            EventTime = evt.EventTime,
        }, ct);
    }
}
