using Pipeline.Collect;

namespace Pipeline.Standalone.Functions;

/// <summary>
/// The collector under its configured prefix: <c>POST|OPTIONS /api/{prefix}/h</c> → <see cref="CollectorHandler"/>,
/// <c>GET /api/{prefix}/{file}</c> → <see cref="SnippetHandler"/>.
/// </summary>
public static class CollectFunction
{
    public static void Map(WebApplication app)
    {
        var prefix = app.Services.GetRequiredService<CollectorOptions>().RoutePrefix;
        app.MapMethods($"/api/{prefix}/h", ["POST", "OPTIONS"],
            (HttpRequest request, CollectorHandler handler, CancellationToken ct) => handler.HandleAsync(request, prefix, ct));
        app.MapGet($"/api/{prefix}/{{file}}",
            (HttpRequest request, string file, SnippetHandler handler) => handler.Handle(request, prefix, file));
    }
}
