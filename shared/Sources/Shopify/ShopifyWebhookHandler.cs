using Microsoft.AspNetCore.Http;
using Pipeline.Http;

namespace Pipeline.Sources.Shopify;

/// <summary><c>POST /api/webhooks/shopify</c>: verify, enqueue once per order or refund, answer 200 within Shopify's 5 s.</summary>
public sealed class ShopifyWebhookHandler(SourcesSettings settings, WebhookEndpoint endpoint, ClientRateLimiter rateLimiter, TimeProvider time)
{
    private readonly ShopifyWebhookEvaluator? _evaluator = settings.Shopify is { } shopify ? new(shopify, time) : null;

    public Task<ApiResult> HandleAsync(HttpRequest request, CancellationToken ct) =>
        rateLimiter.Refusal(request, RateLimitedRoute.Ingest) is { } tooMany
            ? Task.FromResult(tooMany)
            : endpoint.HandleAsync(ShopifyKeys.SourceName, request, _evaluator is null ? null : _evaluator.Evaluate, ct);
}
