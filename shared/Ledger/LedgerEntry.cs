namespace Pipeline.Ledger;

/// <summary>One row of the delivery ledger: an event × a destination.</summary>
public sealed record LedgerEntry
{
    public required string EventId { get; init; }
    public required string Destination { get; init; }
    public string EventName { get; init; } = "";
    public string State { get; init; } = DeliveryState.Pending;
    public int Attempts { get; init; }
    public string? LastError { get; init; }

    /// <summary>Why the row is in its state: the consent decision, a skip reason, the platform's answer.</summary>
    public string? Reason { get; init; }

    /// <summary>The delivery message for this destination alone, kept for replay when the row is dead.</summary>
    public string? Payload { get; init; }

    public string? Source { get; init; }
    public long EventTime { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>While <see cref="DeliveryState.Sending"/> or <see cref="DeliveryState.Matching"/>: until when one worker holds the row.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>Names the lease <see cref="LeaseUntil"/> belongs to, so its holder recognises it after another writer touched the row.</summary>
    public string? LeaseId { get; init; }

    /// <summary>The order the event is about (the <c>~match</c> row keeps it), for the status page's dedup check.</summary>
    public string? OrderId { get; init; }

    /// <summary>The rule that joined the event to a visitor (<c>~match</c> row): visitor_id, click_id, identity, none.</summary>
    public string? MatchRule { get; init; }

    /// <summary>The identifiers the event carried, as <see cref="Telemetry.IdentifierCoverage.ToFlags"/> writes them.</summary>
    public string? Coverage { get; init; }

    /// <summary>Every ingest source that delivered this event id (<c>~match</c> row), comma-separated: <c>browser,shopify</c>.</summary>
    public string? Sources { get; init; }
}
