using Microsoft.AspNetCore.Http;
using Pipeline.Http;

namespace Pipeline.Sources.Stripe;

/// <summary><c>POST /api/webhooks/stripe</c>: verify the signature and its freshness, enqueue once per Stripe object, answer 200.</summary>
public sealed class StripeWebhookHandler(SourcesSettings settings, WebhookEndpoint endpoint, ClientRateLimiter rateLimiter, TimeProvider time)
{
    private readonly StripeWebhookEvaluator? _evaluator = settings.Stripe is { } stripe ? new(stripe, time) : null;

    public Task<ApiResult> HandleAsync(HttpRequest request, CancellationToken ct) =>
        rateLimiter.Refusal(request, RateLimitedRoute.Ingest) is { } tooMany
            ? Task.FromResult(tooMany)
            : endpoint.HandleAsync(StripeKeys.SourceName, request, _evaluator is null ? null : _evaluator.Evaluate, ct);
}
