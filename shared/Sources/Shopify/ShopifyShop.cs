namespace Pipeline.Sources.Shopify;

/// <summary>One shop that may send webhooks, with the secrets its deliveries may be signed with.</summary>
public sealed record ShopifyShop
{
    /// <summary>The <c>*.myshopify.com</c> domain Shopify sends in <c>X-Shopify-Shop-Domain</c>.</summary>
    public string Domain { get; init; } = "";

    /// <summary>
    /// The app's client secret, plus the old one for the hour after a rotation, plus the shop's own key if test
    /// notifications from the shop admin are used (they are signed with it, not with the app secret).
    /// </summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];
}
