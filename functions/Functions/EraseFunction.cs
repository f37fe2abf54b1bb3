using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Privacy;

namespace Pipeline.Functions.Functions;

/// <summary><c>POST /api/operator/erase</c> → <see cref="ErasureHandler"/>.</summary>
public sealed class EraseFunction(ErasureHandler handler)
{
    [Function("Erase")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/erase")] HttpRequest request,
        CancellationToken ct) =>
        await handler.HandleAsync(request, ct);
}
