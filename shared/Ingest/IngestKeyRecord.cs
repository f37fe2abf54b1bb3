namespace Pipeline.Ingest;

/// <summary>One idempotency key in the ingest table and the event it stands for.</summary>
/// <param name="Key">The business key, e.g. <c>shopify:{shop}:order:{id}</c>, <c>stripe:payment:{pi}</c>, <c>api:{event_id}</c>.</param>
/// <param name="State">One of <see cref="IngestState"/>: enqueued once the matcher has taken the event.</param>
/// <param name="EventId">The event id enqueued under this key: a refund's <c>original_event_id</c> comes from here.</param>
/// <param name="Enqueues">How many times its event was put on the queue: 1, or more only after a claim ran out before the matcher took the event.</param>
public sealed record IngestKeyRecord(
    string Key,
    string State,
    string EventId,
    string EventName,
    string? Source,
    int Enqueues,
    DateTimeOffset ClaimedAt,
    DateTimeOffset? EnqueuedAt);
