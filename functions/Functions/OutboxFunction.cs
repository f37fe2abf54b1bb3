using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Destinations.Outbox;

namespace Pipeline.Functions.Functions;

/// <summary><c>GET /api/operator/outbox</c> → <see cref="OutboxHandler"/>.</summary>
public sealed class OutboxFunction(OutboxHandler handler)
{
    [Function("Outbox")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/outbox")] HttpRequest request,
        CancellationToken ct) =>
        await handler.HandleAsync(request, ct);
}
