using Pipeline.Destinations.Platform;

namespace Pipeline.Destinations.Pinterest;

/// <summary>Pinterest's standard events, by the pipeline's standard names.</summary>
public static class PinterestEventNames
{
    /// <summary>
    /// ViewContent and PageView both become <c>page_visit</c>, Pinterest's one page event (<c>view_content</c> is not in
    /// its v5 reference). Refund, AddToWishlist, Contact and StartTrial are absent: Pinterest has no such event, and
    /// <c>custom</c> would count them as conversions of an unknown kind. A target can still name one explicitly.
    /// </summary>
    public static readonly EventNameMap Map = EventNameMap.Of(
    [
        ("Purchase", "checkout"),
        ("AddToCart", "add_to_cart"),
        ("ViewContent", "page_visit"),
        ("PageView", "page_visit"),
        ("InitiateCheckout", "initiate_checkout"),
        ("AddPaymentInfo", "add_payment_info"),
        ("Lead", "lead"),
        ("CompleteRegistration", "signup"),
        ("Subscribe", "subscribe"),
        ("Search", "search"),
    ]);
}
