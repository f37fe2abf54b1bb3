using Pipeline.Events;

namespace Pipeline.Destinations.Meta;

/// <summary>Default mapping from the pipeline's standard event names to Meta's standard events.</summary>
public static class MetaEventNames
{
    /// <summary>
    /// Standard names Meta has an event for. Refund is absent on purpose: Meta has no refund event, and sending
    /// one as a custom event would count as a second conversion.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Purchase"] = "Purchase",
        ["AddToCart"] = "AddToCart",
        ["AddToWishlist"] = "AddToWishlist",
        ["ViewContent"] = "ViewContent",
        ["InitiateCheckout"] = "InitiateCheckout",
        ["AddPaymentInfo"] = "AddPaymentInfo",
        ["Lead"] = "Lead",
        ["CompleteRegistration"] = "CompleteRegistration",
        ["Contact"] = "Contact",
        ["StartTrial"] = "StartTrial",
        ["Subscribe"] = "Subscribe",
        ["Search"] = "Search",
        ["PageView"] = "PageView",
    };

    /// <summary>
    /// The name to send: the target's configured name when it has one, else the default mapping;
    /// null when Meta has no such event (the event is skipped, not failed).
    /// </summary>
    public static string? Resolve(CanonicalEvent evt, DeliveryTarget target) =>
        !string.IsNullOrWhiteSpace(target.EventName) ? target.EventName
        : Defaults.TryGetValue(evt.EventName, out var name) ? name
        : null;
}
