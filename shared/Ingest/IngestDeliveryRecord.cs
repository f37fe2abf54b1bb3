namespace Pipeline.Ingest;

/// <summary>One delivery id seen (<c>shopify-webhook:…</c>, <c>shopify-event:…</c>, <c>stripe-event:evt_…</c>).</summary>
/// <param name="Keys">The idempotency keys the delivery carried, space-separated.</param>
/// <param name="Deliveries">How many times it arrived (a retry or a duplicate adds one).</param>
public sealed record IngestDeliveryRecord(
    string DeliveryId,
    string Source,
    string Keys,
    int Deliveries,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt);
