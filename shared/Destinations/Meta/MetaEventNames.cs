using Pipeline.Destinations.Platform;

namespace Pipeline.Destinations.Meta;

/// <summary>Meta's standard events, by the pipeline's standard names (Meta uses the same names).</summary>
public static class MetaEventNames
{
    /// <summary>
    /// Refund is absent on purpose: Meta has no refund event, and sending one as a custom event would count as a
    /// second conversion.
    /// </summary>
    public static readonly EventNameMap Map = EventNameMap.SameNames(
        "Purchase", "AddToCart", "AddToWishlist", "ViewContent", "InitiateCheckout", "AddPaymentInfo", "Lead",
        "CompleteRegistration", "Contact", "StartTrial", "Subscribe", "Search", "PageView");
}
