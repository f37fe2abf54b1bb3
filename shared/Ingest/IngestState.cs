namespace Pipeline.Ingest;

/// <summary>States of an idempotency key in the ingest table.</summary>
public static class IngestState
{
    /// <summary>Claimed, and its event is being (or was, if the process died) put on the events queue.</summary>
    public const string Pending = "pending";

    /// <summary>
    /// Its event is durably queued and the matcher has taken it (its <c>~match</c> row exists): later deliveries of the
    /// same key enqueue nothing. Derived when read; rows marked so by earlier versions still say it.
    /// </summary>
    public const string Enqueued = "enqueued";
}
