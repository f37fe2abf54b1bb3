using Microsoft.Extensions.Logging;
using Pipeline.Configuration;
using Pipeline.Destinations;
using Pipeline.Ledger;
using Pipeline.Storage;

namespace Pipeline.Send;

/// <summary>
/// Stage three: delivers one matched event to each of its destinations concurrently. Each destination's outcome goes
/// to the ledger on its own; a delivered row is never sent again, so a redelivered message is harmless.
/// </summary>
public sealed class Sender(
    DestinationRegistry destinations,
    DeliveryLedger ledger,
    PipelineQueues queues,
    RetrySchedule schedule,
    PipelineOptions options,
    TimeProvider time,
    ILogger<Sender> logger)
{
    public async Task HandleAsync(string message, CancellationToken ct)
    {
        var delivery = Json.Deserialize<DeliveryMessage>(message)
            ?? throw new InvalidDataException("Empty deliveries message.");
        var results = await Task.WhenAll(delivery.Targets.Select(t => DeliverOneAsync(delivery, t, ct)));
        var failures = results.OfType<Exception>().ToList();
        // Throwing hands the message back to the queue: the next attempt skips what was delivered, and after
        // maxDequeueCount the message lands in the poison queue, where DeadLetter records it.
        if (failures.Count > 0) throw new AggregateException("Delivery failed for some destinations.", failures);
    }

    private async Task<Exception?> DeliverOneAsync(DeliveryMessage delivery, DeliveryTarget target, CancellationToken ct)
    {
        var evt = delivery.Event;
        var row = await ledger.GetAsync(evt.EventId, target.Destination, ct);
        if (DeliveryState.IsFinal(row?.State))
        {
            logger.LogInformation("Event {EventId} to {Destination} already {State}; not sent again", evt.EventId, target.Destination, row!.State);
            return null;
        }

        var single = delivery with { Targets = [target], FirstAttempt = delivery.FirstAttempt ?? time.GetUtcNow().ToUnixTimeSeconds() };
        var attempt = Math.Max(row?.Attempts ?? 0, delivery.Attempts) + 1;
        var entry = new LedgerEntry
        {
            EventId = evt.EventId,
            Destination = target.Destination,
            EventName = evt.EventName,
            Source = evt.Source,
            EventTime = evt.EventTime,
            Attempts = attempt,
            CreatedAt = row?.CreatedAt ?? default,
            Payload = Json.Serialize(single with { Attempts = attempt }),
            Reason = delivery.Replay is null ? row?.Reason : $"replay: {delivery.Replay}",
        };

        if (!destinations.TryGet(target.Destination, out var destination))
        {
            await ledger.UpsertAsync(entry with { State = DeliveryState.Dead, LastError = "destination is not configured" }, ct);
            return null;
        }

        DeliveryOutcome outcome;
        try
        {
            outcome = await destination.DeliverAsync(new DeliveryRequest(evt, target, attempt), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var error = $"{e.GetType().Name}: {e.Message}";
            logger.LogWarning("Event {EventId} to {Destination} threw on attempt {Attempt}: {Error}", evt.EventId, target.Destination, attempt, error);
            await ledger.UpsertAsync(entry with { State = DeliveryState.Failed, LastError = error }, ct);
            return e;
        }

        await RecordAsync(entry, single, destination, outcome, ct);
        return null;
    }

    private async Task RecordAsync(LedgerEntry entry, DeliveryMessage single, IDestination destination, DeliveryOutcome outcome, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        switch (outcome.Kind)
        {
            case DeliveryOutcomeKind.Delivered:
                await ledger.UpsertAsync(entry with { State = DeliveryState.Delivered, DeliveredAt = now, LastError = null, Reason = outcome.Detail ?? entry.Reason, Payload = null }, ct);
                break;
            case DeliveryOutcomeKind.Skipped:
                await ledger.UpsertAsync(entry with { State = DeliveryState.Skipped, Reason = outcome.Detail, Payload = null }, ct);
                break;
            case DeliveryOutcomeKind.Permanent:
                await ledger.UpsertAsync(entry with { State = DeliveryState.Dead, LastError = outcome.Detail }, ct);
                break;
            case DeliveryOutcomeKind.Retry:
            case DeliveryOutcomeKind.AuthFailure:
                await ScheduleRetryAsync(entry, single, destination, outcome, now, ct);
                break;
        }
        logger.LogInformation("Event {EventId} to {Destination}: {Outcome} (attempt {Attempt})", entry.EventId, entry.Destination, outcome.Kind, entry.Attempts);
    }

    private async Task ScheduleRetryAsync(LedgerEntry entry, DeliveryMessage single, IDestination destination, DeliveryOutcome outcome, DateTimeOffset now, CancellationToken ct)
    {
        var delay = schedule.Delay(entry.Attempts, outcome.RetryAfter);
        var next = now + delay;
        var eventTime = DateTimeOffset.FromUnixTimeSeconds(entry.EventTime);
        if (destination is IEventAgeLimit limit && next > eventTime + limit.MaxEventAge)
        {
            await ledger.UpsertAsync(entry with { State = DeliveryState.Dead, LastError = $"expired: the platform refuses events older than {limit.MaxEventAge.TotalHours:0} h; last error: {outcome.Detail}" }, ct);
            return;
        }
        if (entry.Attempts >= options.Retry.MaxAttempts)
        {
            await ledger.UpsertAsync(entry with { State = DeliveryState.Dead, LastError = $"gave up after {entry.Attempts} attempts; last error: {outcome.Detail}" }, ct);
            return;
        }

        var retry = single with { Attempts = entry.Attempts };
        await queues.SendDeliveryAsync(Json.Serialize(retry), delay, ct);
        await ledger.UpsertAsync(entry with { State = DeliveryState.Retrying, LastError = outcome.Detail, NextAttemptAt = next }, ct);
    }
}
