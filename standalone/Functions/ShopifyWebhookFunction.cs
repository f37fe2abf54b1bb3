using Pipeline.Sources.Shopify;

namespace Pipeline.Standalone.Functions;

/// <summary><c>POST /api/webhooks/shopify</c> → <see cref="ShopifyWebhookHandler"/>.</summary>
public static class ShopifyWebhookFunction
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/webhooks/shopify", (HttpRequest request, ShopifyWebhookHandler handler, CancellationToken ct) => handler.HandleAsync(request, ct));
}
