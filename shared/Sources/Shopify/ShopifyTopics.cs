namespace Pipeline.Sources.Shopify;

/// <summary>The webhook topics that can carry conversions.</summary>
public static class ShopifyTopics
{
    public const string OrdersCreate = "orders/create";
    public const string OrdersPaid = "orders/paid";
    public const string OrdersCancelled = "orders/cancelled";
    public const string RefundsCreate = "refunds/create";
}
