using Pipeline.Destinations.Platform;

namespace Pipeline.Destinations.TikTok;

/// <summary>TikTok's standard events, by the pipeline's standard names (TikTok uses the same names).</summary>
public static class TikTokEventNames
{
    /// <summary>
    /// Purchase is sent as <c>Purchase</c>, not the legacy <c>CompletePayment</c>. Refund is absent (TikTok has no
    /// refund event). PageView is absent too: the Events API lists no page event, and page views are the pixel's
    /// job; a target can still name one explicitly.
    /// </summary>
    public static readonly EventNameMap Map = EventNameMap.SameNames(
        "Purchase", "AddToCart", "AddToWishlist", "ViewContent", "InitiateCheckout", "AddPaymentInfo", "Lead",
        "CompleteRegistration", "Contact", "StartTrial", "Subscribe", "Search");
}
