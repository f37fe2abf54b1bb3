using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Ingest;

namespace Pipeline.Functions.Functions;

/// <summary><c>POST /api/events</c> → <see cref="ServerEventsHandler"/>.</summary>
public sealed class EventsFunction(ServerEventsHandler handler)
{
    [Function("Events")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "events")] HttpRequest request,
        CancellationToken ct) =>
        await handler.HandleAsync(request, ct);
}
