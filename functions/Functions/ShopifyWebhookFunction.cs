using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Sources.Shopify;

namespace Pipeline.Functions.Functions;

/// <summary><c>POST /api/webhooks/shopify</c> → <see cref="ShopifyWebhookHandler"/>.</summary>
public sealed class ShopifyWebhookFunction(ShopifyWebhookHandler handler)
{
    [Function("ShopifyWebhook")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/shopify")] HttpRequest request,
        CancellationToken ct) =>
        await handler.HandleAsync(request, ct);
}
