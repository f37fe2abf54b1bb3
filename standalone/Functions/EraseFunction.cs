using Pipeline.Privacy;

namespace Pipeline.Standalone.Functions;

/// <summary><c>POST /api/operator/erase</c> → <see cref="ErasureHandler"/>.</summary>
public static class EraseFunction
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/operator/erase", (HttpRequest request, ErasureHandler handler, CancellationToken ct) => handler.HandleAsync(request, ct));
}
