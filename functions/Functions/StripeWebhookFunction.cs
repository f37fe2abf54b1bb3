using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Sources.Stripe;

namespace Pipeline.Functions.Functions;

/// <summary><c>POST /api/webhooks/stripe</c> → <see cref="StripeWebhookHandler"/>.</summary>
public sealed class StripeWebhookFunction(StripeWebhookHandler handler)
{
    [Function("StripeWebhook")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/stripe")] HttpRequest request,
        CancellationToken ct) =>
        await handler.HandleAsync(request, ct);
}
