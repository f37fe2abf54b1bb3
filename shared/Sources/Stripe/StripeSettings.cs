using Pipeline.Events;

namespace Pipeline.Sources.Stripe;

/// <summary>Per-deployment settings of the Stripe webhook source.</summary>
public sealed record StripeSettings
{
    /// <summary>The endpoint's <c>whsec_…</c> signing secrets; more than one while rolling a secret.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>Largest accepted distance between the signature's timestamp and now, in seconds.</summary>
    public long ToleranceSeconds { get; init; } = 300;

    /// <summary>
    /// The one event type counted as a one-off purchase: <c>checkout.session.completed</c> (default) or
    /// <c>payment_intent.succeeded</c>. The other is ignored; both share the payment's idempotency key anyway.
    /// </summary>
    public string PurchaseEvent { get; init; } = StripeEventTypes.CheckoutSessionCompleted;

    /// <summary>Event name for a subscription's first payment; null ignores subscription starts.</summary>
    public string? SubscriptionStartEventName { get; init; } = "Subscribe";

    /// <summary>
    /// Event name for a renewal (<c>billing_reason: subscription_cycle</c>); null (default) ignores renewals,
    /// because they are not an action of the buyer and would count one subscription as a conversion every cycle.
    /// </summary>
    public string? SubscriptionRenewalEventName { get; init; }

    /// <summary>Metadata key (on the session, payment intent or subscription) holding the pipeline's visitor id.</summary>
    public string VisitorIdMetadataKey { get; init; } = VisitorIdKey.Default;

    /// <summary>
    /// Metadata key holding the shop's own order id. When present it replaces the Stripe object id in the purchase
    /// event id, and on a charge it names the purchase a refund corrects.
    /// </summary>
    public string OrderIdMetadataKey { get; init; } = "order_id";

    /// <summary>Purchase event id template, the same one the browser snippet uses.</summary>
    public string EventIdTemplate { get; init; } = EventIdRule.DefaultPurchaseTemplate;

    public string DefaultActionSource { get; init; } = "website";

    /// <summary>Configuration mistakes, empty when the settings are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Secrets.Count == 0 || Secrets.Any(string.IsNullOrEmpty)) errors.Add("Secrets needs at least one non-empty secret.");
        if (ToleranceSeconds <= 0) errors.Add("ToleranceSeconds must be positive.");
        if (PurchaseEvent is not (StripeEventTypes.CheckoutSessionCompleted or StripeEventTypes.PaymentIntentSucceeded))
            errors.Add($"PurchaseEvent must be {StripeEventTypes.CheckoutSessionCompleted} or {StripeEventTypes.PaymentIntentSucceeded}.");
        if (!EventIdRule.IsValidTemplate(EventIdTemplate)) errors.Add($"EventIdTemplate must contain {EventIdRule.OrderIdPlaceholder}.");
        if (!ActionSources.IsValid(DefaultActionSource)) errors.Add("DefaultActionSource is not a known action_source.");
        if (string.IsNullOrWhiteSpace(VisitorIdMetadataKey)) errors.Add("VisitorIdMetadataKey is empty.");
        return errors;
    }
}
