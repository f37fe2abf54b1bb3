namespace Pipeline.Ingest;

/// <summary>States of an idempotency key in the ingest table.</summary>
public static class IngestState
{
    /// <summary>Claimed, and its event is being (or was, if the process died) put on the events queue.</summary>
    public const string Pending = "pending";

    /// <summary>Its event is durably on the events queue: later deliveries of the same key enqueue nothing.</summary>
    public const string Enqueued = "enqueued";
}
