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
    DeliveryBatcher batcher,
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

    /// <summary>A message from the deliveries queue: a retry, a paused or deferred delivery, or a replay.</summary>
    public async Task HandleAsync(string message, CancellationToken ct)
    {
        var delivery = Json.Deserialize<DeliveryMessage>(message)
            ?? throw new InvalidDataException("Empty deliveries message.");
        delivery = delivery with { FirstAttempt = delivery.FirstAttempt ?? time.GetUtcNow().ToUnixTimeSeconds() };
        var evt = delivery.Event;
        // A first hand-off finds no rows yet: it inserts its leases without reading first. The rows count attempts that
        // ended; the one under way is counted by its outcome (a pause does not count).
        var requests = delivery.Targets
            .Select(t => new LeaseRequest(t.Destination, DeliveryState.Sending, row => QueuedRow(delivery, t, row)))
            .ToList();
        var taken = await leases.TakeManyAsync(evt.EventId, requests, options.Leases.Delivery,
            expectAbsent: delivery.Attempts == 0 && delivery.Replay is null, gated: false, ct);

        var leased = new List<(DeliveryTarget Target, LedgerLease Lease)>();
        for (var i = 0; i < taken.Count; i++)
        {
            var target = delivery.Targets[i];
            if (taken[i].FinalRow is { } final)
                logger.LogInformation("Event {EventId} to {Destination} already {State}; not sent again", evt.EventId, target.Destination, final.State);
            else if (taken[i].Lease is { } lease)
                leased.Add((target, lease));
            else
                await DeferAsync(Single(delivery, target), taken[i].HeldUntil!.Value, ct);
        }

        var completions = await SendLeasedAsync(delivery, leased, ct);
        await RecordAsync(completions);
        var failures = completions.Where(c => c.Error is not null).Select(c => c.Error!).ToList();
        // Throwing hands the message back to the queue: the next attempt skips what was delivered, and after
        // maxDequeueCount the message lands in the poison queue, where DeadLetter records it.
        if (failures.Count > 0) throw new AggregateException("Delivery failed for some destinations.", failures);
    }

    /// <summary>
    /// Sends an event to destinations whose rows the caller has leased, concurrently, each through its destination's
    /// batcher. Returns each row's next state without writing it, so the caller writes them, with any rows of its own,
    /// in one transaction (<see cref="RecordAsync"/>).
    /// </summary>
    /// <param name="ticket">The hand-off's announcement to the batcher (<see cref="DeliveryBatcher.Expect"/>), if any.</param>
    public async Task<IReadOnlyList<Completion>> SendLeasedAsync(DeliveryMessage delivery, IReadOnlyList<(DeliveryTarget Target, LedgerLease Lease)> leased,
        CancellationToken ct, BatchTicket? ticket = null) =>
        await Task.WhenAll(leased.Select(l => SendOneAsync(delivery, l.Target, l.Lease, ticket, ct)));

    /// <summary>
    /// Writes the rows' next states, all of one event, in one transaction (row by row when a lease had changed), and
    /// counts each outcome once its row says so.
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<Completion> completions)
    {
        var written = await leases.CompleteManyAsync(completions.Select(c => (c.Lease, c.Row)).ToList());
        for (var i = 0; i < completions.Count; i++)
        {
            if (written[i])
            {
                completions[i].Recorded?.Invoke();
                continue;
            }
            logger.LogWarning("Event {EventId} to {Destination}: the lease expired before its outcome ({State}) was written; the worker that took over records it",
                completions[i].Row.EventId, completions[i].Row.Destination, completions[i].Row.State);
        }
    }

    /// <summary>The row a queued delivery leases: attempts so far, and the message to replay if it dies.</summary>
    private static LedgerEntry QueuedRow(DeliveryMessage delivery, DeliveryTarget target, LedgerEntry? row)
    {
        var evt = delivery.Event;
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
            Payload = Json.Serialize(Single(delivery, target) with { Attempts = ended }),
            Reason = delivery.Replay is null ? row?.Reason : $"replay: {delivery.Replay}",
        };
    }

    /// <summary>The delivery for one destination alone: what a retry, a deferral and a replay carry.</summary>
    private static DeliveryMessage Single(DeliveryMessage delivery, DeliveryTarget target) => delivery with { Targets = [target] };

    private async Task<Completion> SendOneAsync(DeliveryMessage delivery, DeliveryTarget target, LedgerLease taken, BatchTicket? ticket, CancellationToken ct)
    {
        try
        {
            return await SendOneUnsettledAsync(delivery, target, taken, ticket, ct);
        }
        finally
        {
            // Joined a batch, paused, or failed: either way no batch need wait for this send any longer.
            ticket?.Settle(target.Destination);
        }
    }

    private async Task<Completion> SendOneUnsettledAsync(DeliveryMessage delivery, DeliveryTarget target, LedgerLease taken, BatchTicket? ticket, CancellationToken ct)
    {
        var single = Single(delivery, target);
        var attempt = taken.Entry.Attempts + 1;
        single = single with { Attempts = attempt };
        var lease = taken with { Entry = taken.Entry with { Attempts = attempt, Payload = Json.Serialize(single) } };
        var entry = lease.Entry;

        if (!destinations.TryGet(target.Destination, out var destination))
            return new Completion(lease, entry with { State = DeliveryState.Dead, LastError = "destination is not configured" });

        try
        {
            return await SendUnderLeaseAsync(lease, single, destination, ticket, ct);
        }
        catch (Exception e)
        {
            // Storage failed after the lease was taken, or the listeners are being restarted (an outage) and cancelled
            // the send: give the row back so the queue's retry need not wait the 2-minute lease out.
            return new Completion(lease, entry with { State = DeliveryState.Failed, LastError = $"{e.GetType().Name}: {e.Message}" }, Error: e, Resend: single);
        }
    }

    private async Task<Completion> SendUnderLeaseAsync(LedgerLease lease, DeliveryMessage single, IDestination destination, BatchTicket? ticket, CancellationToken ct)
    {
        var entry = lease.Entry;
        var evt = single.Event;
        var target = single.Targets[0];
        var gate = await circuits.BeforeSendAsync(target.Destination, ct);
        if (gate.Gate == CircuitGate.Hold)
            return await PauseAsync(lease, single, destination, gate.HoldUntil!.Value, gate.Reason, ct);

        DeliveryOutcome outcome;
        try
        {
            metrics.Attempt(target.Destination);
            // A probe goes alone: it asks whether the platform takes anything at all, for one event's price.
            outcome = await batcher.DeliverAsync(destination, new DeliveryRequest(evt, target, entry.Attempts), alone: gate.Gate == CircuitGate.Probe, ct, ticket);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            metrics.Delivery(target.Destination, DeliveryState.Failed, "exception");
            var error = $"{e.GetType().Name}: {e.Message}";
            logger.LogWarning("Event {EventId} to {Destination} threw on attempt {Attempt}: {Error}", evt.EventId, target.Destination, entry.Attempts, error);
            await circuits.AfterSendAsync(target.Destination, gate.Gate, null, error, ct);
            return new Completion(lease, entry with { State = DeliveryState.Failed, LastError = error }, Error: e, Resend: single);
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
            logger.LogWarning("Event {EventId} to {Destination}: credentials rejected; paused until {Until:o}", entry.EventId, entry.Destination, until);
            return await PauseAsync(lease, single, destination, until, outcome.Detail, ct);
        }

        var completion = await OutcomeAsync(lease, single, destination, outcome, ct);
        logger.LogInformation("Event {EventId} to {Destination}: {Outcome} (attempt {Attempt})", entry.EventId, entry.Destination, outcome.Kind, entry.Attempts);
        return completion;
    }

    /// <summary>
    /// Another worker holds this row's lease: look again soon (<see cref="LeaseDeferral"/>; delivered by then: nothing
    /// is sent; its worker crashed: this copy takes over once the lease ends). Nothing is counted as an attempt.
    /// </summary>
    private async Task DeferAsync(DeliveryMessage single, DateTimeOffset heldUntil, CancellationToken ct)
    {
        var delay = LeaseDeferral.Delay(heldUntil, time.GetUtcNow());
        await queues.SendDeliveryAsync(Json.Serialize(single), delay, ct);
        logger.LogInformation("Event {EventId} to {Destination} is being sent by another worker; looking again in {Delay}",
            single.Event.EventId, single.Targets[0].Destination, delay);
    }

    /// <summary>The outcome's metric: state plus a bounded reason category, never the platform's free text.</summary>
    private Action Measure(LedgerEntry entry, DeliveryMessage single, string state, string? reason) => () =>
    {
        metrics.Delivery(entry.Destination, state, reason);
        if (state != DeliveryState.Delivered) return;
        metrics.DeliveryLatency(entry.Destination, time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(entry.EventTime));
        metrics.Coverage(entry.Destination, IdentifierCoverage.Of(single.Event));
    };

    /// <summary>
    /// Puts a delivery back until its paused destination's next probe. The attempt is not counted: a rejected token
    /// is the account's fault, not the event's, so the event keeps every retry it had. Only the platform's age limit
    /// still applies.
    /// </summary>
    private async Task<Completion> PauseAsync(LedgerLease lease, DeliveryMessage single, IDestination destination, DateTimeOffset until, string? reason, CancellationToken ct)
    {
        var entry = lease.Entry;
        var now = time.GetUtcNow();
        var uncounted = entry with { Attempts = entry.Attempts - 1 };
        var eventTime = DateTimeOffset.FromUnixTimeSeconds(entry.EventTime);
        if (destination is IEventAgeLimit limit && until > eventTime + limit.MaxEventAge)
            return new Completion(lease, uncounted with { State = DeliveryState.Dead, LastError = $"expired while the destination was paused: the platform refuses events older than {limit.MaxEventAge.TotalHours:0} h; paused because: {reason}" });

        var delay = until - now;
        if (delay < MinPause) delay = MinPause;
        if (delay > RetrySchedule.QueueMaxDelay) delay = RetrySchedule.QueueMaxDelay;
        // Enqueued before the row says retrying: a row in retrying always has its message.
        await queues.SendDeliveryAsync(Json.Serialize(single with { Attempts = uncounted.Attempts }), delay, ct);
        return new Completion(lease, uncounted with
        {
            State = DeliveryState.Retrying,
            Reason = $"{PausedPrefix}{reason}",
            LastError = reason,
            NextAttemptAt = now + delay,
            Payload = Json.Serialize(single with { Attempts = uncounted.Attempts }),
        });
    }

    private async Task<Completion> OutcomeAsync(LedgerLease lease, DeliveryMessage single, IDestination destination, DeliveryOutcome outcome, CancellationToken ct)
    {
        var entry = lease.Entry;
        var now = time.GetUtcNow();
        switch (outcome.Kind)
        {
            case DeliveryOutcomeKind.Delivered:
                return new Completion(lease,
                    entry with { State = DeliveryState.Delivered, DeliveredAt = now, LastError = null, Reason = Delivered(outcome.Detail, single.Replay) ?? entry.Reason, Payload = null },
                    Measure(entry, single, DeliveryState.Delivered, null));
            case DeliveryOutcomeKind.Skipped:
                return new Completion(lease, entry with { State = DeliveryState.Skipped, Reason = outcome.Detail, Payload = null },
                    Measure(entry, single, DeliveryState.Skipped, "platform"));
            case DeliveryOutcomeKind.Permanent:
                return new Completion(lease, entry with { State = DeliveryState.Dead, LastError = outcome.Detail },
                    Measure(entry, single, DeliveryState.Dead, "permanent"));
            default:
                // Retry, and an auth failure the breaker could not pause (never expected): retry as usual.
                return await ScheduleRetryAsync(lease, single, destination, outcome, now, ct);
        }
    }

    // A replayed delivery keeps the operator's note next to the platform's answer.
    private static string? Delivered(string? detail, string? replay) =>
        replay is null ? detail : $"{detail ?? "delivered"}; replay: {replay}";

    private async Task<Completion> ScheduleRetryAsync(LedgerLease lease, DeliveryMessage single, IDestination destination, DeliveryOutcome outcome, DateTimeOffset now, CancellationToken ct)
    {
        var entry = lease.Entry;
        var delay = schedule.Delay(entry.Attempts, outcome.RetryAfter);
        var next = now + delay;
        var eventTime = DateTimeOffset.FromUnixTimeSeconds(entry.EventTime);
        if (destination is IEventAgeLimit limit && next > eventTime + limit.MaxEventAge)
            return new Completion(lease, entry with { State = DeliveryState.Dead, LastError = $"expired: the platform refuses events older than {limit.MaxEventAge.TotalHours:0} h; last error: {outcome.Detail}" },
                Measure(entry, single, DeliveryState.Dead, "expired"));
        if (entry.Attempts >= options.Retry.MaxAttempts)
            return new Completion(lease, entry with { State = DeliveryState.Dead, LastError = $"gave up after {entry.Attempts} attempts; last error: {outcome.Detail}" },
                Measure(entry, single, DeliveryState.Dead, "attempts"));

        // Enqueued before the row says retrying: a row in retrying always has its message.
        await queues.SendDeliveryAsync(Json.Serialize(single with { Attempts = entry.Attempts }), delay, ct);
        return new Completion(lease, entry with { State = DeliveryState.Retrying, LastError = outcome.Detail, NextAttemptAt = next },
            Measure(entry, single, DeliveryState.Retrying, "transient"));
    }
}
