using Pipeline.Events;

namespace Pipeline.Sources;

/// <summary>One conversion out of a webhook, with the business key that makes it idempotent.</summary>
/// <param name="Event">The canonical event, hashed identifiers only.</param>
/// <param name="IdempotencyKey">
/// Business key (<c>shopify:{shop}:order:{id}</c>, <c>stripe:payment:{pi}</c>…): table-key safe, the same for every
/// delivery of the same conversion whatever the topic or event type that carried it.
/// </param>
/// <param name="OriginalKey">
/// For a refund or cancellation: the idempotency key of the purchase it corrects, so storage can look up the
/// purchase's event id when the source itself cannot name it (a Stripe charge does not know its Checkout session).
/// </param>
public sealed record AcceptedConversion(CanonicalEvent Event, string IdempotencyKey, string? OriginalKey = null);
