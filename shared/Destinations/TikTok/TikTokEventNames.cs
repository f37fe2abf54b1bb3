using Pipeline.Events;

namespace Pipeline.Destinations.TikTok;

/// <summary>Default mapping from the pipeline's standard event names to TikTok's standard events.</summary>
public static class TikTokEventNames
{
    /// <summary>
    /// Standard names TikTok has an event for. Purchase is sent as <c>Purchase</c>, not the legacy
    /// <c>CompletePayment</c>. Refund is absent (TikTok has no refund event). PageView is absent too: the Events API
    /// lists no page event, and page views are the pixel's job; a target can still name one explicitly.
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
    };

    /// <summary>The name to send, or null when TikTok has no such event (see <see cref="PlatformEventNames"/>).</summary>
    public static string? Resolve(CanonicalEvent evt, DeliveryTarget target) => PlatformEventNames.Resolve(evt, target, Defaults);
}
