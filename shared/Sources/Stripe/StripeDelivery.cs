namespace Pipeline.Sources.Stripe;

/// <summary>The envelope of an authenticated Stripe event.</summary>
/// <param name="EventId">The <c>evt_…</c> id.</param>
/// <param name="Type">The event type, e.g. <c>invoice.paid</c>.</param>
/// <param name="EventTime">Unix seconds the event was created (the conversion moment), else the receipt time.</param>
/// <param name="Test">True unless <c>livemode</c> is true.</param>
/// <param name="DeliveryIds">Recordable ids of this delivery (<c>stripe-event:evt_…</c>).</param>
public sealed record StripeDelivery(string EventId, string Type, long EventTime, bool Test, IReadOnlyList<string> DeliveryIds);
