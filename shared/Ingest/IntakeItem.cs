using Pipeline.Events;

namespace Pipeline.Ingest;

/// <summary>One event to put on the events queue at most once per idempotency key.</summary>
/// <param name="IdempotencyKey">The business key; every delivery of the same conversion carries the same one.</param>
/// <param name="OriginalKey">
/// For a refund: the purchase's key. When the event has no <c>original_event_id</c>, the one recorded under this key
/// fills it in.
/// </param>
public sealed record IntakeItem(CanonicalEvent Event, string IdempotencyKey, string? OriginalKey = null);
