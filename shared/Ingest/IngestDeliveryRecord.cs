namespace Pipeline.Ingest;

/// <summary>One delivery id seen for one idempotency key (<c>shopify-webhook:…</c>, <c>shopify-event:…</c>, <c>stripe-event:evt_…</c>).</summary>
/// <param name="Key">The idempotency key it carried.</param>
/// <param name="Deliveries">How many times it arrived (a retry or a duplicate adds one).</param>
public sealed record IngestDeliveryRecord(
    string DeliveryId,
    string Key,
    string Source,
    int Deliveries,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt);
