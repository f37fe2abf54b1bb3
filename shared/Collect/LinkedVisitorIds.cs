using Pipeline.Sources;
using Pipeline.Sources.Shopify;
using Pipeline.Sources.Stripe;

namespace Pipeline.Collect;

/// <summary>
/// Turns the link ids a browser event carries (<c>pq.track(…, {x: {…}})</c>) into the visitor ids orders carry
/// (shared/Sources/README.md), so an order's visitor id leads back to the browser's visitor.
/// </summary>
public static class LinkedVisitorIds
{
    /// <summary>Link keys understood, with the visitor id each becomes.</summary>
    public static readonly IReadOnlyDictionary<string, Func<string, string>> Known = new Dictionary<string, Func<string, string>>(StringComparer.Ordinal)
    {
        ["shopify_client_id"] = ShopifyClient,
        ["checkout_token"] = ShopifyKeys.CheckoutVisitor,
        ["cart_token"] = ShopifyKeys.CartVisitor,
        ["stripe_customer"] = StripeKeys.CustomerVisitor,
    };

    /// <summary>Shopify Web Pixels' <c>clientId</c> (the custom pixel's <c>event.clientId</c>).</summary>
    public static string ShopifyClient(string clientId) => $"shopify-client:{KeySafe.Escape(clientId)}";

    /// <summary>
    /// The visitor ids in <paramref name="linkIds"/>, in a stable order. <c>shopify_customer_id</c> needs <c>shop</c>
    /// (the shop's myshopify domain) beside it, as the order's customer visitor id names both. Unknown keys are ignored.
    /// </summary>
    public static IReadOnlyList<string> From(IReadOnlyDictionary<string, string>? linkIds)
    {
        if (linkIds is null || linkIds.Count == 0) return [];
        var ids = new List<string>();
        foreach (var (key, value) in linkIds.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (Known.TryGetValue(key, out var form)) ids.Add(form(value));
        }
        if (linkIds.TryGetValue("shopify_customer_id", out var customer) && linkIds.TryGetValue("shop", out var shop))
            ids.Add(ShopifyKeys.CustomerVisitor(shop, customer));
        return ids;
    }
}
