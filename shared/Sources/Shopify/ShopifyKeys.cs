namespace Pipeline.Sources.Shopify;

/// <summary>
/// Idempotency keys and source ids of Shopify conversions. Segments are joined with ':' because table keys may not
/// contain '/', and every segment is <see cref="KeySafe"/>-escaped.
/// </summary>
public static class ShopifyKeys
{
    public const string SourceName = "shopify";

    /// <summary>The purchase of an order, whichever of orders/create or orders/paid carried it.</summary>
    public static string Order(string shop, string orderId) => $"shopify:{S(shop)}:order:{S(orderId)}";

    public static string Refund(string shop, string refundId) => $"shopify:{S(shop)}:refund:{S(refundId)}";

    public static string Cancellation(string shop, string orderId) => $"shopify:{S(shop)}:cancel:{S(orderId)}";

    public static string OrderSourceId(string shop, string orderId) => $"{S(shop)}:order:{S(orderId)}";

    public static string RefundSourceId(string shop, string refundId) => $"{S(shop)}:refund:{S(refundId)}";

    /// <summary>Visitor id linking the order to the Web Pixels <c>checkout_completed</c> event of the same checkout.</summary>
    public static string CheckoutVisitor(string token) => $"shopify-checkout:{S(token)}";

    public static string CartVisitor(string token) => $"shopify-cart:{S(token)}";

    /// <summary>Visitor id of a logged-in Shopify customer, stable across their devices.</summary>
    public static string CustomerVisitor(string shop, string customerId) => $"shopify-customer:{S(shop)}:{S(customerId)}";

    public static string WebhookDelivery(string webhookId) => $"shopify-webhook:{S(webhookId)}";

    public static string EventDelivery(string eventId) => $"shopify-event:{S(eventId)}";

    private static string S(string value) => KeySafe.Escape(value);
}
