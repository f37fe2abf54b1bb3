namespace Pipeline.Configuration;

/// <summary>
/// How long a worker holds the row it is working on before another may take it over (see docs/delivery-protocol.md).
/// A lease is never renewed: it must outlast the work it guards, and end before the queue brings back the message of
/// a worker that crashed, so that message takes the work over directly.
/// </summary>
public sealed class LeaseOptions
{
    /// <summary>The queue trigger's lease on a message while its function runs; a crashed worker's message reappears after it.</summary>
    public static readonly TimeSpan QueueMessageLease = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A send's lease on its ledger row (event × destination), and the matcher's on the event's hand-off row. Longer
    /// than the slowest platform call (each destination's <c>Timeout</c>, twice for Google Ads' token and upload).
    /// </summary>
    public TimeSpan Delivery { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// An ingest claim's lease on its idempotency key, between the claim and the mark "enqueued". A copy that finds a
    /// live claim waits for its outcome (at most <see cref="IngestClaimWait"/>); after the lease, a retry takes it over.
    /// </summary>
    public TimeSpan IngestClaim { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a concurrent copy waits for another request's live claim before answering 503 with Retry-After.</summary>
    public static readonly TimeSpan IngestClaimWait = TimeSpan.FromSeconds(3);

    /// <summary>The problems with these settings, empty when there are none.</summary>
    public IEnumerable<string> Problems()
    {
        if (Delivery < TimeSpan.FromSeconds(10) || Delivery >= QueueMessageLease)
            yield return $"Pipeline:Leases:Delivery must be at least 10 s and shorter than the queue trigger's {QueueMessageLease.TotalMinutes:0}-minute message lease";
        if (IngestClaim < TimeSpan.FromSeconds(5) || IngestClaim > TimeSpan.FromMinutes(5))
            yield return "Pipeline:Leases:IngestClaim must be between 5 s and 5 min";
    }
}
