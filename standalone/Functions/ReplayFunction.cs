using Pipeline.Replay;

namespace Pipeline.Standalone.Functions;

/// <summary><c>POST /api/operator/replay</c> → <see cref="ReplayHandler"/>.</summary>
public static class ReplayFunction
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/operator/replay", (HttpRequest request, ReplayHandler handler, CancellationToken ct) => handler.HandleAsync(request, ct));
}
