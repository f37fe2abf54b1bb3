using Azure;
using Pipeline.Storage;

namespace Pipeline.Ledger;

/// <summary>
/// Takes the lease on one ledger row (an event × a destination, or an event's <c>~match</c> row) with conditional
/// writes only: insert-if-absent for a row not there yet, an ETag-checked replace otherwise. Exactly one worker wins a
/// row; the others learn that it is final (nothing to do) or held until a time (look again then). A lease is taken
/// over only once it has expired, so a worker that crashed holding it delays the work, never loses it.
/// </summary>
public sealed class LedgerLeases(DeliveryLedger ledger, TimeProvider time)
{
    private const int MaxRounds = 5;

    /// <param name="leaseState"><see cref="DeliveryState.Sending"/> or <see cref="DeliveryState.Matching"/>.</param>
    /// <param name="next">The row to write, from the row found (null: none yet); state and lease are set here.</param>
    /// <param name="expectAbsent">True when the row most likely does not exist yet (a first hand-off): insert without reading first.</param>
    /// <param name="isFinal">States in which nothing more is done; by default <see cref="DeliveryState.IsFinal"/>.</param>
    public async Task<LeaseOutcome> TakeAsync(string eventId, string destination, string leaseState, TimeSpan length,
        Func<LedgerEntry?, LedgerEntry> next, bool expectAbsent, CancellationToken ct, Func<string?, bool>? isFinal = null)
    {
        isFinal ??= DeliveryState.IsFinal;
        for (var round = 0; round < MaxRounds; round++)
        {
            var current = expectAbsent && round == 0 ? null : await ledger.ReadAsync(eventId, destination, ct);
            var now = time.GetUtcNow();
            if (current?.Entry is { } found)
            {
                if (isFinal(found.State)) return LeaseOutcome.Final(found);
                if (DeliveryState.IsLeased(found.State) && found.LeaseUntil is { } until && until > now) return LeaseOutcome.Held(until);
            }

            var entry = next(current?.Entry) with { State = leaseState, LeaseUntil = now + length, LeaseId = Guid.NewGuid().ToString("N") };
            if (entry.CreatedAt == default) entry = entry with { CreatedAt = now };
            ETag? version = current is null
                ? await ledger.TryInsertAsync(entry, ct)
                : await ledger.TryReplaceAsync(entry, current.ETag, ct);
            if (version is { } taken) return LeaseOutcome.Taken(new LedgerLease(entry, taken, current?.Entry));
            // Another worker wrote the row in between: read what it wrote and decide again.
        }
        // Only a storm of writers on one row gets here: look again shortly.
        return LeaseOutcome.Held(time.GetUtcNow() + TimeSpan.FromSeconds(1));
    }

    /// <summary>
    /// Ends the lease by writing the row's next state, if the lease is still this worker's: false when it expired and
    /// another worker took the row over (that worker now records the outcome).
    /// </summary>
    /// <remarks>
    /// Storage failing here is retried until the lease ends, so an outcome reached during a storage outage (the
    /// platform answered; the row could not be written) is recorded once storage answers, instead of the event being
    /// sent again. It takes no cancellation: stopping the listeners must not drop an outcome that is still within
    /// its lease.
    /// </remarks>
    public async Task<bool> CompleteAsync(LedgerLease lease, LedgerEntry outcome)
    {
        var pause = TimeSpan.FromMilliseconds(250);
        var version = lease.Version;
        outcome = outcome with { LeaseUntil = null, LeaseId = null };
        var conflicts = 0;
        while (true)
        {
            try
            {
                if (await ledger.TryReplaceAsync(outcome, version, CancellationToken.None) is not null) return true;
                // Changed since the lease was taken. Still this lease (an erasure cleared the payload, say): write the
                // outcome over it, keeping the payload cleared. Another lease, or none: the row is not ours any more.
                var current = await ledger.ReadAsync(outcome.EventId, outcome.Destination, CancellationToken.None);
                if (current is null || current.Entry.LeaseId != lease.Entry.LeaseId || !DeliveryState.IsLeased(current.Entry.State)
                    || ++conflicts >= MaxRounds)
                    return false;
                version = current.ETag;
                if (current.Entry.Payload is null) outcome = outcome with { Payload = null };
            }
            catch (Exception e) when (StorageFailure.IsStorageOutage(e) && time.GetUtcNow() + pause < lease.Entry.LeaseUntil)
            {
                // Waiting out storage is bounded by the lease.
                await Task.Delay(pause, time, CancellationToken.None);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, MaxRetryPause.TotalMilliseconds));
            }
        }
    }

    /// <summary>Longest pause between two attempts to write an outcome while storage is away.</summary>
    public static readonly TimeSpan MaxRetryPause = TimeSpan.FromSeconds(2);
}

/// <summary>A lease held on a ledger row: the row as written when it was taken, its version, and the row before.</summary>
public sealed record LedgerLease(LedgerEntry Entry, ETag Version, LedgerEntry? Previous);

/// <summary>What taking a lease found.</summary>
public sealed record LeaseOutcome(LedgerLease? Lease, LedgerEntry? FinalRow, DateTimeOffset? HeldUntil)
{
    public static LeaseOutcome Taken(LedgerLease lease) => new(lease, null, null);

    /// <summary>The row is delivered, dead or skipped: nothing more to do.</summary>
    public static LeaseOutcome Final(LedgerEntry row) => new(null, row, null);

    /// <summary>Another worker holds the row until <paramref name="until"/>.</summary>
    public static LeaseOutcome Held(DateTimeOffset until) => new(null, null, until);
}
