using Pipeline.Ingest;

namespace Pipeline.Standalone.Functions;

/// <summary><c>POST /api/events</c> → <see cref="ServerEventsHandler"/>.</summary>
public static class EventsFunction
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/events", (HttpRequest request, ServerEventsHandler handler, CancellationToken ct) => handler.HandleAsync(request, ct));
}
