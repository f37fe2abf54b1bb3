using Azure;

namespace Pipeline.Ingest;

/// <summary>The answer to claiming an idempotency key.</summary>
/// <param name="Enqueues">Times the key's event was already enqueued, carried into the mark that follows.</param>
/// <param name="Version">The claimed row's version: the mark and the release are written only if it is unchanged.</param>
/// <param name="HeldUntil">For <see cref="IngestClaimOutcome.InFlight"/>: when the other request's claim ends.</param>
public sealed record IngestClaim(string Key, IngestClaimOutcome Outcome, int Enqueues, ETag Version = default, DateTimeOffset? HeldUntil = null)
{
    /// <summary>True when this request holds the claim and must enqueue (and then mark).</summary>
    public bool MustEnqueue => Outcome is IngestClaimOutcome.New or IngestClaimOutcome.TakenOver;
}

/// <summary>What a claim found.</summary>
public enum IngestClaimOutcome
{
    /// <summary>The key was unseen and is now claimed by this request.</summary>
    New,

    /// <summary>
    /// Claimed earlier but never marked enqueued, and that claim's lease has run out: its request died between claim
    /// and mark (or enqueueing failed). This request now holds the claim and enqueues.
    /// </summary>
    TakenOver,

    /// <summary>Its event is on the queue already: enqueue nothing.</summary>
    AlreadyEnqueued,

    /// <summary>
    /// Another request holds a live claim on the key and did not finish while this one waited: answer "retry later"
    /// (the other may still fail), never "enqueued" and never "duplicate".
    /// </summary>
    InFlight,
}
