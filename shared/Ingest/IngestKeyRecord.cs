namespace Pipeline.Ingest;

/// <summary>One idempotency key in the ingest table and the event it stands for.</summary>
/// <param name="Key">The business key, e.g. <c>shopify:{shop}:order:{id}</c>, <c>stripe:payment:{pi}</c>, <c>api:{event_id}</c>.</param>
/// <param name="State">One of <see cref="IngestState"/>.</param>
/// <param name="EventId">The event id enqueued under this key: a refund's <c>original_event_id</c> comes from here.</param>
/// <param name="Enqueues">How many times its event went on the queue: 1, or more only after a crash between enqueue and mark.</param>
public sealed record IngestKeyRecord(
    string Key,
    string State,
    string EventId,
    string EventName,
    string? Source,
    int Enqueues,
    DateTimeOffset ClaimedAt,
    DateTimeOffset? EnqueuedAt);
