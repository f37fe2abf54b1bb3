using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Replay;

namespace Pipeline.Functions.Functions;

/// <summary>
/// <c>POST /api/operator/replay</c> → <see cref="ReplayHandler"/>: needs a function key and an operator key. Not under
/// <c>admin/</c>: the Functions host reserves routes that start with it.
/// </summary>
public sealed class ReplayFunction(ReplayHandler handler)
{
    [Function("Replay")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "operator/replay")] HttpRequest request,
        CancellationToken ct) =>
        await handler.HandleAsync(request, ct);
}
