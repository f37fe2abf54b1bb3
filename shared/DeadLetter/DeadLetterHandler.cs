using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Pipeline.Configuration;
using Pipeline.Events;
using Pipeline.Ledger;
using Pipeline.Send;
using Pipeline.Telemetry;

namespace Pipeline.DeadLetter;

/// <summary>
/// Drains the poison queues: marks each delivery that never completed <c>dead</c> with its last error and keeps the
/// payload for replay. A poison queue has no poison queue of its own, so this never throws.
/// </summary>
public sealed class DeadLetterHandler(DeliveryLedger ledger, PipelineMetrics metrics, TimeProvider time, ILogger<DeadLetterHandler> logger)
{
    /// <summary>Partition of rows for poison messages that could not even be read.</summary>
    public const string UnreadablePartition = "~unreadable";

    public async Task HandleDeliveryAsync(string message, CancellationToken ct)
    {
        try
        {
            var delivery = TryRead<DeliveryMessage>(message);
            if (delivery is null)
            {
                await RecordUnreadableAsync(message, "deliveries", ct);
                return;
            }
            foreach (var target in delivery.Targets)
            {
                var dead = await MarkDeadAsync(delivery.Event.EventId, target.Destination, row => new LedgerEntry
                {
                    EventId = delivery.Event.EventId,
                    Destination = target.Destination,
                    EventName = delivery.Event.EventName,
                    Source = delivery.Event.Source,
                    EventTime = delivery.Event.EventTime,
                    State = DeliveryState.Dead,
                    Attempts = row?.Attempts ?? delivery.Attempts,
                    LastError = row?.LastError ?? "exceeded maxDequeueCount",
                    Reason = "poison queue: the delivery threw on every attempt",
                    Payload = Json.Serialize(delivery with { Targets = [target] }),
                    CreatedAt = row?.CreatedAt ?? default,
                }, ct);
                if (dead is null) continue;
                metrics.Delivery(target.Destination, DeliveryState.Dead, "poison");
                logger.LogError("Dead letter: event {EventId} to {Destination} after {Attempts} attempts: {Reason}",
                    delivery.Event.EventId, target.Destination, dead.Attempts, dead.LastError);
            }
        }
        catch (Exception e)
        {
            // Nothing further can be done with the message; the log line is the last record of it.
            logger.LogCritical(e, "Dead-letter recording failed for a deliveries poison message");
        }
    }

    public async Task HandleEventAsync(string message, CancellationToken ct)
    {
        try
        {
            var envelope = TryRead<EventMessage>(message);
            if (envelope is null)
            {
                await RecordUnreadableAsync(message, "events", ct);
                return;
            }
            var evt = envelope.Event;
            var dead = await MarkDeadAsync(evt.EventId, DeliveryLedger.MatchRow, row => new LedgerEntry
            {
                EventId = evt.EventId,
                Destination = DeliveryLedger.MatchRow,
                EventName = evt.EventName,
                Source = evt.Source,
                EventTime = evt.EventTime,
                State = DeliveryState.Dead,
                Attempts = row?.Attempts ?? 0,
                LastError = row?.LastError ?? "matching threw on every attempt",
                Payload = message,
                Sources = row?.Sources,
                CreatedAt = row?.CreatedAt ?? default,
            }, ct);
            if (dead is not null) logger.LogError("Dead letter: event {EventId} could not be matched", evt.EventId);
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "Dead-letter recording failed for an events poison message");
        }
    }

    /// <summary>
    /// Writes the dead row unless the row is final or a live lease holds it (that worker records the outcome; should it
    /// crash, its own message brings the work back): conditional writes only, so a concurrent outcome is never
    /// overwritten. Returns the dead row written, or null.
    /// </summary>
    private async Task<LedgerEntry?> MarkDeadAsync(string eventId, string destination, Func<LedgerEntry?, LedgerEntry> dead, CancellationToken ct)
    {
        for (var round = 0; round < 5; round++)
        {
            var row = await ledger.ReadAsync(eventId, destination, ct);
            if (row is not null && (DeliveryState.IsFinal(row.Entry.State)
                || (DeliveryState.IsLeased(row.Entry.State) && row.Entry.LeaseUntil > time.GetUtcNow())))
                return null;
            var entry = dead(row?.Entry);
            var written = row is null ? await ledger.TryInsertAsync(entry, ct) : await ledger.TryReplaceAsync(entry, row.ETag, ct);
            if (written is not null) return entry;
        }
        return null;
    }

    private async Task RecordUnreadableAsync(string message, string queue, CancellationToken ct)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message)))[..32];
        await ledger.UpsertAsync(new LedgerEntry
        {
            EventId = UnreadablePartition,
            Destination = $"{queue}-{id}",
            State = DeliveryState.Dead,
            LastError = "unreadable message",
            Payload = message,
        }, ct);
        logger.LogError("Dead letter: unreadable {Queue} message {Id}", queue, id);
    }

    private static T? TryRead<T>(string message) where T : class
    {
        try { return Json.Deserialize<T>(message); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
