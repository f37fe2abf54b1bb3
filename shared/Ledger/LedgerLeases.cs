using Azure;
using Pipeline.Storage;

namespace Pipeline.Ledger;

/// <summary>
/// Takes the leases on an event's ledger rows (an event × a destination, and the event's <c>~match</c> row) with
/// conditional writes only: insert-if-absent for a row not there yet, an ETag-checked replace otherwise. Exactly one worker wins a
/// row; the others learn that it is final (nothing to do) or held until a time (look again then). A lease is taken
/// over only once it has expired, so a worker that crashed holding it delays the work, never loses it.
/// </summary>
public sealed class LedgerLeases(DeliveryLedger ledger, TimeProvider time)
{
    private const int MaxRounds = 5;

    /// <summary>
    /// Takes the leases on several rows of one event at once: one entity-group transaction (inserts for rows not there
    /// yet, ETag-checked replaces otherwise), so an event's hand-off and its destinations cost one write together.
    /// Rows that are final or held by another worker are left alone and reported so. When the transaction loses a race
    /// the event's rows are read again (one partition query) and the decision made again.
    /// </summary>
    /// <param name="expectAbsent">True when the rows most likely do not exist yet (a first hand-off): insert without reading first.</param>
    /// <param name="gated">When true and the first row cannot be taken, none is: the rest are reported held or final like it.</param>
    public async Task<IReadOnlyList<LeaseOutcome>> TakeManyAsync(string eventId, IReadOnlyList<LeaseRequest> rows, TimeSpan length,
        bool expectAbsent, bool gated, CancellationToken ct)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            var current = expectAbsent && round == 0
                ? new Dictionary<string, LedgerRow>()
                : await ledger.ReadEventAsync(eventId, ct);
            var now = time.GetUtcNow();
            var outcomes = new LeaseOutcome?[rows.Count];
            var writes = new List<(int Index, LedgerEntry Entry, LedgerRow? Found)>();
            for (var i = 0; i < rows.Count; i++)
            {
                var request = rows[i];
                current.TryGetValue(request.Row, out var found);
                if (found?.Entry is { } existing)
                {
                    if ((request.IsFinal ?? DeliveryState.IsFinal)(existing.State)) { outcomes[i] = LeaseOutcome.Final(existing); continue; }
                    if (DeliveryState.IsLeased(existing.State) && existing.LeaseUntil is { } until && until > now) { outcomes[i] = LeaseOutcome.Held(until); continue; }
                }
                var entry = request.Next(found?.Entry) with { EventId = eventId, Destination = request.Row, State = request.LeaseState, LeaseUntil = now + length, LeaseId = Guid.NewGuid().ToString("N") };
                if (entry.CreatedAt == default) entry = entry with { CreatedAt = now };
                writes.Add((i, entry, found));
            }
            if (gated && outcomes[0] is { } first)
                return rows.Select((_, i) => outcomes[i] ?? first).ToList();
            if (writes.Count == 0) return outcomes.Select(o => o!).ToList();

            var versions = await ledger.TryWriteAllAsync(writes.Select(w => (w.Entry, w.Found?.ETag)).ToList(), ct);
            if (versions is null) continue; // another worker wrote one of the rows in between: read them and decide again
            for (var w = 0; w < writes.Count; w++)
                outcomes[writes[w].Index] = LeaseOutcome.Taken(new LedgerLease(writes[w].Entry, versions[w], writes[w].Found?.Entry));
            return outcomes.Select(o => o!).ToList();
        }
        var later = LeaseOutcome.Held(time.GetUtcNow() + TimeSpan.FromSeconds(1));
        return rows.Select(_ => later).ToList();
    }

    /// <summary>
    /// Ends several leases of one event at once, each with its row's next state: one entity-group transaction when
    /// every lease is still as taken (the usual case), else row by row with <see cref="CompleteAsync"/>, which finds
    /// out which leases are still this worker's. One flag per row: false when another worker had taken it over.
    /// </summary>
    public async Task<IReadOnlyList<bool>> CompleteManyAsync(IReadOnlyList<(LedgerLease Lease, LedgerEntry Outcome)> rows)
    {
        if (rows.Count == 0) return [];
        if (rows.Count > 1)
        {
            try
            {
                var written = await ledger.TryWriteAllAsync(
                    rows.Select(r => (r.Outcome with { LeaseUntil = null, LeaseId = null }, (ETag?)r.Lease.Version)).ToList(), CancellationToken.None);
                if (written is not null) return rows.Select(_ => true).ToList();
            }
            catch (Exception e) when (StorageFailure.IsStorageOutage(e))
            {
                // Row by row below, each waiting out storage within its lease.
            }
        }
        var results = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++) results[i] = await CompleteAsync(rows[i].Lease, rows[i].Outcome);
        return results;
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

/// <summary>One row to lease with <see cref="LedgerLeases.TakeManyAsync"/>.</summary>
/// <param name="Row">The ledger row key: a destination id or <see cref="DeliveryLedger.MatchRow"/>.</param>
/// <param name="LeaseState"><see cref="DeliveryState.Sending"/> or <see cref="DeliveryState.Matching"/>.</param>
/// <param name="Next">The row to write, from the row found (null: none yet); state and lease are set by the lease.</param>
/// <param name="IsFinal">States in which nothing more is done; by default <see cref="DeliveryState.IsFinal"/>.</param>
public sealed record LeaseRequest(string Row, string LeaseState, Func<LedgerEntry?, LedgerEntry> Next, Func<string?, bool>? IsFinal = null);

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
