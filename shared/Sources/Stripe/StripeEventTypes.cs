namespace Pipeline.Sources.Stripe;

/// <summary>The Stripe event types that can carry conversions.</summary>
public static class StripeEventTypes
{
    public const string CheckoutSessionCompleted = "checkout.session.completed";
    public const string CheckoutSessionAsyncPaymentSucceeded = "checkout.session.async_payment_succeeded";
    public const string PaymentIntentSucceeded = "payment_intent.succeeded";
    public const string InvoicePaid = "invoice.paid";
    public const string ChargeRefunded = "charge.refunded";
}
