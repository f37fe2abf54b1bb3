namespace Pipeline.Ingest;

/// <summary>The answer to claiming an idempotency key.</summary>
/// <param name="Enqueues">Times the key's event was already enqueued, carried into the mark that follows.</param>
public sealed record IngestClaim(string Key, IngestClaimOutcome Outcome, int Enqueues)
{
    /// <summary>True when the caller must enqueue (and then mark): a new key, or one whose earlier enqueue may not have happened.</summary>
    public bool MustEnqueue => Outcome != IngestClaimOutcome.AlreadyEnqueued;
}

/// <summary>What a claim found.</summary>
public enum IngestClaimOutcome
{
    /// <summary>The key was unseen and is now claimed.</summary>
    New,

    /// <summary>
    /// Claimed earlier but never marked enqueued: that attempt died between claim and mark, or is still running.
    /// Enqueueing again is safe (the matcher drops an event id it already handed off); skipping could lose it.
    /// </summary>
    Unfinished,

    /// <summary>Its event is on the queue already: enqueue nothing.</summary>
    AlreadyEnqueued,
}
