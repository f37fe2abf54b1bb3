using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Collect;

namespace Pipeline.Functions.Functions;

/// <summary>
/// <c>POST|OPTIONS /api/{prefix}/h</c> → <see cref="CollectorHandler"/>, <c>GET /api/{prefix}/{file}</c> →
/// <see cref="SnippetHandler"/>. A trigger's route cannot come from a setting, so the prefix is a route value the
/// handlers compare with <c>Pipeline:Collector:RoutePrefix</c> (404 otherwise); literal routes such as
/// <c>events</c> still win.
/// </summary>
public sealed class CollectFunction(CollectorHandler collector, SnippetHandler snippet)
{
    [Function("CollectHit")]
    public async Task<IActionResult> Hit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = "{prefix}/h")] HttpRequest request,
        string prefix,
        CancellationToken ct) =>
        await collector.HandleAsync(request, prefix, ct);

    [Function("CollectSnippet")]
    public IActionResult Snippet(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{prefix}/{file}")] HttpRequest request,
        string prefix,
        string file) =>
        snippet.Handle(request, prefix, file);
}
