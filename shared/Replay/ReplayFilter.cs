using Pipeline.Ledger;

namespace Pipeline.Replay;

/// <summary>
/// Which dead-lettered deliveries to replay. Every criterion left null matches everything.
/// </summary>
/// <param name="Destination">A destination id, or <c>~match</c> for events that failed to be matched.</param>
/// <param name="From">Dead-lettered at or after (the ledger row's last update).</param>
/// <param name="To">Dead-lettered before.</param>
/// <param name="Reason">Text found, case-insensitively, in the row's last error or reason (e.g. <c>190</c>).</param>
public sealed record ReplayFilter(string? Destination = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Reason = null)
{
    public bool Matches(LedgerEntry row) => row.State == DeliveryState.Dead && MatchesCriteria(row);

    /// <summary>The filter's criteria alone, whatever the row's state (a replay that never finished is pending).</summary>
    public bool MatchesCriteria(LedgerEntry row) =>
        (Destination is null || string.Equals(row.Destination, Destination, StringComparison.Ordinal))
        && (From is null || row.UpdatedAt >= From)
        && (To is null || row.UpdatedAt < To)
        && (Reason is null
            || (row.LastError?.Contains(Reason, StringComparison.OrdinalIgnoreCase) ?? false)
            || (row.Reason?.Contains(Reason, StringComparison.OrdinalIgnoreCase) ?? false));
}
