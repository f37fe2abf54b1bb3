using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Replay;

namespace Pipeline.Functions.Functions;

/// <summary>
/// <c>POST /api/operator/replay</c> → <see cref="ReplayHandler"/>: authenticated by the operator key (the status page's
/// replay button sends it), like every operator endpoint. Not under <c>admin/</c>: the Functions host reserves it.
/// </summary>
public sealed class ReplayFunction(ReplayHandler handler)
{
    [Function("Replay")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/replay")] HttpRequest request,
        CancellationToken ct) =>
        await handler.HandleAsync(request, ct);
}
