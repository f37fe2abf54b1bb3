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

    /// <summary>The name to send, or null when Meta has no such event (see <see cref="PlatformEventNames"/>).</summary>
    public static string? Resolve(CanonicalEvent evt, DeliveryTarget target) => PlatformEventNames.Resolve(evt, target, Defaults);
}
