using Pipeline.Destinations.Platform;

namespace Pipeline.Destinations.Snapchat;

/// <summary>Snapchat's standard events, by the pipeline's standard names.</summary>
public static class SnapchatEventNames
{
    /// <summary>
    /// Lead is absent: Snap has no lead event, and sending it as <c>SIGN_UP</c> would count it as a registration; a
    /// target can still map it (<c>Lead=SIGN_UP</c> or a <c>CUSTOM_EVENT_n</c> slot). Refund is absent: Snap has none.
    /// </summary>
    public static readonly EventNameMap Map = EventNameMap.Of(
    [
        ("Purchase", "PURCHASE"),
        ("AddToCart", "ADD_CART"),
        ("ViewContent", "VIEW_CONTENT"),
        ("InitiateCheckout", "START_CHECKOUT"),
        ("AddPaymentInfo", "ADD_BILLING"),
        ("CompleteRegistration", "SIGN_UP"),
        ("Subscribe", "SUBSCRIBE"),
        ("Search", "SEARCH"),
        ("AddToWishlist", "ADD_TO_WISHLIST"),
        ("PageView", "PAGE_VIEW"),
    ]);
}
