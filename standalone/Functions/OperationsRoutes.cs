namespace Pipeline.Standalone.Functions;

/// <summary>The operator's HTTP routes: status page and erasure.</summary>
public static class OperationsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        StatusFunction.Map(routes);
        EraseFunction.Map(routes);
    }
}
