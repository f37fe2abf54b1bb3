using Pipeline.Destinations.Outbox;

namespace Pipeline.Standalone.Functions;

/// <summary><c>GET /api/operator/outbox</c> → <see cref="OutboxHandler"/>.</summary>
public static class OutboxFunction
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/operator/outbox", (HttpRequest request, OutboxHandler handler, CancellationToken ct) => handler.HandleAsync(request, ct));
}
