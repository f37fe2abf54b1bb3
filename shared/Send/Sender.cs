using Microsoft.Extensions.Logging;
using Pipeline.Circuit;
using Pipeline.Configuration;
using Pipeline.Destinations;
using Pipeline.Ledger;
using Pipeline.Storage;
using Pipeline.Telemetry;

namespace Pipeline.Send;

/// <summary>
/// Stage three: delivers one matched event to each of its destinations concurrently. Each event × destination is sent
/// only under a lease on its ledger row (<see cref="LedgerLeases"/>, docs/delivery-protocol.md): one worker sends, a
/// concurrent copy looks again when the lease ends, a final row is never sent again, so a redelivered or duplicated
/// message is harmless. A destination paused by its <see cref="CircuitBreaker"/> gets nothing sent: its deliveries
/// wait for the probe, the others go on.
/// </summary>
public sealed class Sender(
    DestinationRegistry destinations,
    LedgerLeases leases,
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

    /// <summary>A deferred copy looks again this long after the lease it found ends (clock skew between workers).</summary>
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(1);

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
        var single = delivery with { Targets = [target], FirstAttempt = delivery.FirstAttempt ?? time.GetUtcNow().ToUnixTimeSeconds() };
        // A first hand-off finds no row yet (the usual case): it inserts its lease without reading first.
        // The row counts attempts that ended; the one under way is counted by its outcome (a pause does not count).
        var taking = await leases.TakeAsync(evt.EventId, target.Destination, DeliveryState.Sending, options.Leases.Delivery, row =>
        {
            var ended = Math.Max(row?.Attempts ?? 0, delivery.Attempts);
            return new LedgerEntry
            {
                EventId = evt.EventId,
                Destination = target.Destination,
                EventName = evt.EventName,
                Source = evt.Source,
                EventTime = evt.EventTime,
                Attempts = ended,
                CreatedAt = row?.CreatedAt ?? default,
                Payload = Json.Serialize(single with { Attempts = ended }),
                Reason = delivery.Replay is null ? row?.Reason : $"replay: {delivery.Replay}",
            };
        }, expectAbsent: delivery.Attempts == 0 && delivery.Replay is null, ct);

        if (taking.FinalRow is { } final)
        {
            logger.LogInformation("Event {EventId} to {Destination} already {State}; not sent again", evt.EventId, target.Destination, final.State);
            return null;
        }
        if (taking.Lease is not { } taken)
        {
            await DeferAsync(single with { Attempts = delivery.Attempts }, taking.HeldUntil!.Value, ct);
            return null;
        }
        var attempt = taken.Entry.Attempts + 1;
        var lease = taken with { Entry = taken.Entry with { Attempts = attempt, Payload = Json.Serialize(single with { Attempts = attempt }) } };
        var entry = lease.Entry;

        if (!destinations.TryGet(target.Destination, out var destination))
        {
            await CompleteAsync(lease, entry with { State = DeliveryState.Dead, LastError = "destination is not configured" });
            return null;
        }

        try
        {
            return await SendUnderLeaseAsync(lease, single with { Attempts = entry.Attempts }, destination, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Storage failed after the lease was taken: give the row back so the queue's retry need not wait the lease out.
            await ReleaseQuietlyAsync(lease, e);
            throw;
        }
    }

    private async Task<Exception?> SendUnderLeaseAsync(LedgerLease lease, DeliveryMessage single, IDestination destination, CancellationToken ct)
    {
        var entry = lease.Entry;
        var evt = single.Event;
        var target = single.Targets[0];
        var gate = await circuits.BeforeSendAsync(target.Destination, ct);
        if (gate.Gate == CircuitGate.Hold)
        {
            await PauseAsync(lease, single, destination, gate.HoldUntil!.Value, gate.Reason, ct);
            return null;
        }

        DeliveryOutcome outcome;
        try
        {
            metrics.Attempt(target.Destination);
            outcome = await destination.DeliverAsync(new DeliveryRequest(evt, target, entry.Attempts), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            metrics.Delivery(target.Destination, DeliveryState.Failed, "exception");
            var error = $"{e.GetType().Name}: {e.Message}";
            logger.LogWarning("Event {EventId} to {Destination} threw on attempt {Attempt}: {Error}", evt.EventId, target.Destination, entry.Attempts, error);
            await circuits.AfterSendAsync(target.Destination, gate.Gate, null, error, ct);
            await CompleteAsync(lease, entry with { State = DeliveryState.Failed, LastError = error });
            return e;
        }

        // From here until the row says so, the platform has the event and the ledger does not: a crash now resends it
        // after the lease, with the same event id, which the platform deduplicates.
        DateTimeOffset? pausedUntil;
        try
        {
            pausedUntil = await circuits.AfterSendAsync(target.Destination, gate.Gate, outcome.Kind, outcome.Detail, ct);
        }
        catch (Exception e) when (StorageFailure.IsStorageOutage(e))
        {
            // The circuit's row can wait; the platform's answer must not be lost (that would send the event again).
            logger.LogWarning("Event {EventId} to {Destination}: the circuit could not be updated ({Error}); recording the answer anyway",
                evt.EventId, target.Destination, e.GetType().Name);
            pausedUntil = null;
        }
        if (pausedUntil is { } until)
        {
            await PauseAsync(lease, single, destination, until, outcome.Detail, ct);
            logger.LogWarning("Event {EventId} to {Destination}: credentials rejected; paused until {Until:o}", entry.EventId, entry.Destination, until);
            return null;
        }

        await RecordAsync(lease, single, destination, outcome, ct);
        return null;
    }

    /// <summary>
    /// Another worker holds this row's lease: look again once it ends (delivered by then: nothing is sent; its worker
    /// crashed: this copy takes over). Nothing is counted as an attempt.
    /// </summary>
    private async Task DeferAsync(DeliveryMessage single, DateTimeOffset heldUntil, CancellationToken ct)
    {
        var delay = heldUntil - time.GetUtcNow() + LeaseMargin;
        if (delay < MinPause) delay = MinPause;
        await queues.SendDeliveryAsync(Json.Serialize(single), delay, ct);
        logger.LogInformation("Event {EventId} to {Destination} is being sent by another worker; looking again in {Delay}",
            single.Event.EventId, single.Targets[0].Destination, delay);
    }

    /// <summary>Writes the outcome if the lease is still this worker's; logs when it had expired and another took over.</summary>
    private async Task<bool> CompleteAsync(LedgerLease lease, LedgerEntry outcome)
    {
        if (await leases.CompleteAsync(lease, outcome)) return true;
        logger.LogWarning("Event {EventId} to {Destination}: the send lease expired before its outcome ({State}) was written; the worker that took over records it",
            outcome.EventId, outcome.Destination, outcome.State);
        return false;
    }

    private async Task ReleaseQuietlyAsync(LedgerLease lease, Exception cause)
    {
        try
        {
            await leases.CompleteAsync(lease, lease.Entry with { State = DeliveryState.Failed, LastError = $"{cause.GetType().Name}: {cause.Message}" });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Storage stayed away for the whole lease: it runs out on its own and the queue's retry takes the row over.
        }
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
    private async Task PauseAsync(LedgerLease lease, DeliveryMessage single, IDestination destination, DateTimeOffset until, string? reason, CancellationToken ct)
    {
        var entry = lease.Entry;
        var now = time.GetUtcNow();
        var uncounted = entry with { Attempts = entry.Attempts - 1 };
        var eventTime = DateTimeOffset.FromUnixTimeSeconds(entry.EventTime);
        if (destination is IEventAgeLimit limit && until > eventTime + limit.MaxEventAge)
        {
            await CompleteAsync(lease, uncounted with { State = DeliveryState.Dead, LastError = $"expired while the destination was paused: the platform refuses events older than {limit.MaxEventAge.TotalHours:0} h; paused because: {reason}" });
            return;
        }

        var delay = until - now;
        if (delay < MinPause) delay = MinPause;
        if (delay > RetrySchedule.QueueMaxDelay) delay = RetrySchedule.QueueMaxDelay;
        // Enqueued before the row says retrying: a row in retrying always has its message.
        await queues.SendDeliveryAsync(Json.Serialize(single with { Attempts = uncounted.Attempts }), delay, ct);
        await CompleteAsync(lease, uncounted with
        {
            State = DeliveryState.Retrying,
            Reason = $"{PausedPrefix}{reason}",
            LastError = reason,
            NextAttemptAt = now + delay,
            Payload = Json.Serialize(single with { Attempts = uncounted.Attempts }),
        });
    }

    private async Task RecordAsync(LedgerLease lease, DeliveryMessage single, IDestination destination, DeliveryOutcome outcome, CancellationToken ct)
    {
        var entry = lease.Entry;
        var now = time.GetUtcNow();
        switch (outcome.Kind)
        {
            case DeliveryOutcomeKind.Delivered:
                if (await CompleteAsync(lease, entry with { State = DeliveryState.Delivered, DeliveredAt = now, LastError = null, Reason = Delivered(outcome.Detail, single.Replay) ?? entry.Reason, Payload = null }))
                    Measure(entry, single, DeliveryState.Delivered, null);
                break;
            case DeliveryOutcomeKind.Skipped:
                if (await CompleteAsync(lease, entry with { State = DeliveryState.Skipped, Reason = outcome.Detail, Payload = null }))
                    Measure(entry, single, DeliveryState.Skipped, "platform");
                break;
            case DeliveryOutcomeKind.Permanent:
                if (await CompleteAsync(lease, entry with { State = DeliveryState.Dead, LastError = outcome.Detail }))
                    Measure(entry, single, DeliveryState.Dead, "permanent");
                break;
            case DeliveryOutcomeKind.Retry:
            case DeliveryOutcomeKind.AuthFailure:
                // An auth failure reaches here only if the breaker could not pause (never expected): retry as usual.
                await ScheduleRetryAsync(lease, single, destination, outcome, now, ct);
                break;
        }
        logger.LogInformation("Event {EventId} to {Destination}: {Outcome} (attempt {Attempt})", entry.EventId, entry.Destination, outcome.Kind, entry.Attempts);
    }

    // A replayed delivery keeps the operator's note next to the platform's answer.
    private static string? Delivered(string? detail, string? replay) =>
        replay is null ? detail : $"{detail ?? "delivered"}; replay: {replay}";

    private async Task ScheduleRetryAsync(LedgerLease lease, DeliveryMessage single, IDestination destination, DeliveryOutcome outcome, DateTimeOffset now, CancellationToken ct)
    {
        var entry = lease.Entry;
        var delay = schedule.Delay(entry.Attempts, outcome.RetryAfter);
        var next = now + delay;
        var eventTime = DateTimeOffset.FromUnixTimeSeconds(entry.EventTime);
        if (destination is IEventAgeLimit limit && next > eventTime + limit.MaxEventAge)
        {
            if (await CompleteAsync(lease, entry with { State = DeliveryState.Dead, LastError = $"expired: the platform refuses events older than {limit.MaxEventAge.TotalHours:0} h; last error: {outcome.Detail}" }))
                Measure(entry, single, DeliveryState.Dead, "expired");
            return;
        }
        if (entry.Attempts >= options.Retry.MaxAttempts)
        {
            if (await CompleteAsync(lease, entry with { State = DeliveryState.Dead, LastError = $"gave up after {entry.Attempts} attempts; last error: {outcome.Detail}" }))
                Measure(entry, single, DeliveryState.Dead, "attempts");
            return;
        }

        var retry = single with { Attempts = entry.Attempts };
        // Enqueued before the row says retrying: a row in retrying always has its message.
        await queues.SendDeliveryAsync(Json.Serialize(retry), delay, ct);
        if (await CompleteAsync(lease, entry with { State = DeliveryState.Retrying, LastError = outcome.Detail, NextAttemptAt = next }))
            Measure(entry, single, DeliveryState.Retrying, "transient");
    }
}
