using Microsoft.Extensions.Logging;
using Pipeline.Circuit;
using Pipeline.Configuration;
using Pipeline.Destinations;
using Pipeline.Ledger;
using Pipeline.Storage;
using Pipeline.Telemetry;

namespace Pipeline.Send;

/// <summary>
/// Stage three: delivers one matched event to each of its destinations concurrently. Each destination's outcome goes
/// to the ledger on its own; a delivered row is never sent again, so a redelivered message is harmless. A destination
/// paused by its <see cref="CircuitBreaker"/> gets nothing sent: its deliveries wait for the probe, the others go on.
/// </summary>
public sealed class Sender(
    DestinationRegistry destinations,
    DeliveryLedger ledger,
    PipelineQueues queues,
    RetrySchedule schedule,
    CircuitBreaker circuits,
    PipelineOptions options,
    PipelineMetrics metrics,
    TimeProvider time,
    ILogger<Sender> logger)
{
    /// <summary>Ledger reason of a delivery held back by its destination's open circuit.</summary>
    public const string PausedPrefix = "paused: ";

    private static readonly TimeSpan MinPause = TimeSpan.FromSeconds(1);

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

        var gate = await circuits.BeforeSendAsync(target.Destination, ct);
        if (gate.Gate == CircuitGate.Hold)
        {
            await PauseAsync(entry, single, destination, gate.HoldUntil!.Value, gate.Reason, ct);
            return null;
        }

        DeliveryOutcome outcome;
        try
        {
            metrics.Attempt(target.Destination);
            outcome = await destination.DeliverAsync(new DeliveryRequest(evt, target, attempt), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            metrics.Delivery(target.Destination, DeliveryState.Failed, "exception");
            var error = $"{e.GetType().Name}: {e.Message}";
            logger.LogWarning("Event {EventId} to {Destination} threw on attempt {Attempt}: {Error}", evt.EventId, target.Destination, attempt, error);
            await circuits.AfterSendAsync(target.Destination, gate.Gate, null, error, ct);
            await ledger.UpsertAsync(entry with { State = DeliveryState.Failed, LastError = error }, ct);
            return e;
        }

        var pausedUntil = await circuits.AfterSendAsync(target.Destination, gate.Gate, outcome.Kind, outcome.Detail, ct);
        if (pausedUntil is { } until)
        {
            await PauseAsync(entry, single, destination, until, outcome.Detail, ct);
            logger.LogWarning("Event {EventId} to {Destination}: credentials rejected; paused until {Until:o}", entry.EventId, entry.Destination, until);
            return null;
        }

        await RecordAsync(entry, single, destination, outcome, ct);
        return null;
    }

    /// <summary>The outcome's metric: state plus a bounded reason category, never the platform's free text.</summary>
    private void Measure(LedgerEntry entry, DeliveryMessage single, string state, string? reason)
    {
        metrics.Delivery(entry.Destination, state, reason);
        if (state != DeliveryState.Delivered) return;
        metrics.DeliveryLatency(entry.Destination, time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(entry.EventTime));
        metrics.Coverage(entry.Destination, IdentifierCoverage.Of(single.Event));
    }

    /// <summary>
    /// Puts a delivery back until its paused destination's next probe. The attempt is not counted: a rejected token
    /// is the account's fault, not the event's, so the event keeps every retry it had. Only the platform's age limit
    /// still applies.
    /// </summary>
    private async Task PauseAsync(LedgerEntry entry, DeliveryMessage single, IDestination destination, DateTimeOffset until, string? reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var uncounted = entry with { Attempts = entry.Attempts - 1 };
        var eventTime = DateTimeOffset.FromUnixTimeSeconds(entry.EventTime);
        if (destination is IEventAgeLimit limit && until > eventTime + limit.MaxEventAge)
        {
            await ledger.UpsertAsync(uncounted with { State = DeliveryState.Dead, LastError = $"expired while the destination was paused: the platform refuses events older than {limit.MaxEventAge.TotalHours:0} h; paused because: {reason}" }, ct);
            return;
        }

        var delay = until - now;
        if (delay < MinPause) delay = MinPause;
        if (delay > RetrySchedule.QueueMaxDelay) delay = RetrySchedule.QueueMaxDelay;
        await queues.SendDeliveryAsync(Json.Serialize(single with { Attempts = uncounted.Attempts }), delay, ct);
        await ledger.UpsertAsync(uncounted with
        {
            State = DeliveryState.Retrying,
            Reason = $"{PausedPrefix}{reason}",
            LastError = reason,
            NextAttemptAt = now + delay,
            Payload = Json.Serialize(single with { Attempts = uncounted.Attempts }),
        }, ct);
    }

    private async Task RecordAsync(LedgerEntry entry, DeliveryMessage single, IDestination destination, DeliveryOutcome outcome, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        switch (outcome.Kind)
        {
            case DeliveryOutcomeKind.Delivered:
                await ledger.UpsertAsync(entry with { State = DeliveryState.Delivered, DeliveredAt = now, LastError = null, Reason = Delivered(outcome.Detail, single.Replay) ?? entry.Reason, Payload = null }, ct);
                Measure(entry, single, DeliveryState.Delivered, null);
                break;
            case DeliveryOutcomeKind.Skipped:
                await ledger.UpsertAsync(entry with { State = DeliveryState.Skipped, Reason = outcome.Detail, Payload = null }, ct);
                Measure(entry, single, DeliveryState.Skipped, "platform");
                break;
            case DeliveryOutcomeKind.Permanent:
                await ledger.UpsertAsync(entry with { State = DeliveryState.Dead, LastError = outcome.Detail }, ct);
                Measure(entry, single, DeliveryState.Dead, "permanent");
                break;
            case DeliveryOutcomeKind.Retry:
            case DeliveryOutcomeKind.AuthFailure:
                // An auth failure reaches here only if the breaker could not pause (never expected): retry as usual.
                await ScheduleRetryAsync(entry, single, destination, outcome, now, ct);
                break;
        }
        logger.LogInformation("Event {EventId} to {Destination}: {Outcome} (attempt {Attempt})", entry.EventId, entry.Destination, outcome.Kind, entry.Attempts);
    }

    // A replayed delivery keeps the operator's note next to the platform's answer.
    private static string? Delivered(string? detail, string? replay) =>
        replay is null ? detail : $"{detail ?? "delivered"}; replay: {replay}";

    private async Task ScheduleRetryAsync(LedgerEntry entry, DeliveryMessage single, IDestination destination, DeliveryOutcome outcome, DateTimeOffset now, CancellationToken ct)
    {
        var delay = schedule.Delay(entry.Attempts, outcome.RetryAfter);
        var next = now + delay;
        var eventTime = DateTimeOffset.FromUnixTimeSeconds(entry.EventTime);
        if (destination is IEventAgeLimit limit && next > eventTime + limit.MaxEventAge)
        {
            await ledger.UpsertAsync(entry with { State = DeliveryState.Dead, LastError = $"expired: the platform refuses events older than {limit.MaxEventAge.TotalHours:0} h; last error: {outcome.Detail}" }, ct);
            Measure(entry, single, DeliveryState.Dead, "expired");
            return;
        }
        if (entry.Attempts >= options.Retry.MaxAttempts)
        {
            await ledger.UpsertAsync(entry with { State = DeliveryState.Dead, LastError = $"gave up after {entry.Attempts} attempts; last error: {outcome.Detail}" }, ct);
            Measure(entry, single, DeliveryState.Dead, "attempts");
            return;
        }

        var retry = single with { Attempts = entry.Attempts };
        await queues.SendDeliveryAsync(Json.Serialize(retry), delay, ct);
        await ledger.UpsertAsync(entry with { State = DeliveryState.Retrying, LastError = outcome.Detail, NextAttemptAt = next }, ct);
        Measure(entry, single, DeliveryState.Retrying, "transient");
    }
}
