using Pipeline.Sources.Stripe;

namespace Pipeline.Standalone.Functions;

/// <summary><c>POST /api/webhooks/stripe</c> → <see cref="StripeWebhookHandler"/>.</summary>
public static class StripeWebhookFunction
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/webhooks/stripe", (HttpRequest request, StripeWebhookHandler handler, CancellationToken ct) => handler.HandleAsync(request, ct));
}
