namespace Pipeline.Sources.Stripe;

/// <summary>
/// Idempotency keys of Stripe conversions, ':'-separated and <see cref="KeySafe"/>-escaped. A purchase is keyed on
/// the payment (the payment intent when there is one) so a Checkout session and its payment intent count once.
/// </summary>
public static class StripeKeys
{
    public const string SourceName = "stripe";

    /// <summary>The purchase: payment intent id when present, else the Checkout session id.</summary>
    public static string Payment(string paymentId) => $"stripe:payment:{S(paymentId)}";

    /// <summary>A subscription's first payment, whichever of the session or the first invoice reports it.</summary>
    public static string SubscriptionStart(string subscriptionId) => $"stripe:subscription:{S(subscriptionId)}:start";

    public static string Invoice(string invoiceId) => $"stripe:invoice:{S(invoiceId)}";

    public static string Refund(string refundId) => $"stripe:refund:{S(refundId)}";

    /// <summary>A refund whose id the event does not carry: the charge's cumulative refunded amount tells refunds apart.</summary>
    public static string ChargeRefund(string chargeId, long cumulativeRefunded) => $"stripe:charge:{S(chargeId)}:refunded:{cumulativeRefunded}";

    public static string CustomerVisitor(string customerId) => $"stripe-customer:{S(customerId)}";

    public static string EventDelivery(string eventId) => $"stripe-event:{S(eventId)}";

    private static string S(string value) => KeySafe.Escape(value);
}
