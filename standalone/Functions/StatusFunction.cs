using Pipeline.Status;

namespace Pipeline.Standalone.Functions;

/// <summary><c>GET /api/status</c> and <c>GET /api/status.json</c> → <see cref="StatusHandler"/>.</summary>
public static class StatusFunction
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/status", (HttpRequest request, StatusHandler handler, CancellationToken ct) => handler.HtmlAsync(request, ct));
        routes.MapGet("/api/status.json", (HttpRequest request, StatusHandler handler, CancellationToken ct) => handler.JsonAsync(request, ct));
    }
}
