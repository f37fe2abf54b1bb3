namespace Pipeline.Sources.Shopify;

/// <summary>Header names of a Shopify delivery; <see cref="WebhookHeaders"/> also finds them without <c>X-</c>.</summary>
public static class ShopifyHeaders
{
    public const string Topic = "X-Shopify-Topic";
    public const string Hmac = "X-Shopify-Hmac-Sha256";
    public const string ShopDomain = "X-Shopify-Shop-Domain";
    public const string ApiVersion = "X-Shopify-API-Version";
    public const string WebhookId = "X-Shopify-Webhook-Id";
    public const string EventId = "X-Shopify-Event-Id";
    public const string TriggeredAt = "X-Shopify-Triggered-At";
}
