using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Collect;

namespace Pipeline.Functions.Functions;

/// <summary><c>GET /api/health</c>: liveness, and the snippet's versioned URL to paste into the shop's pages.</summary>
public sealed class HealthFunction(SnippetHandler snippet)
{
    [Function("Health")]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        new OkObjectResult(new { status = "ok", snippet = snippet.SnippetPath, demo = snippet.DemoPath });
}
