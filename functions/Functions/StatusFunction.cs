using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Status;

namespace Pipeline.Functions.Functions;

/// <summary><c>GET /api/status</c> and <c>GET /api/status.json</c> → <see cref="StatusHandler"/>.</summary>
public sealed class StatusFunction(StatusHandler handler)
{
    [Function("Status")]
    public async Task<IActionResult> Html(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status")] HttpRequest request,
        CancellationToken ct) =>
        await handler.HtmlAsync(request, ct);

    [Function("StatusJson")]
    public async Task<IActionResult> Json(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status.json")] HttpRequest request,
        CancellationToken ct) =>
        await handler.JsonAsync(request, ct);
}
