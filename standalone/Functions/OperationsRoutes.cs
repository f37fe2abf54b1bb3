namespace Pipeline.Standalone.Functions;

/// <summary>The operator's HTTP routes: status page, erasure and the outbox.</summary>
public static class OperationsRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        StatusFunction.Map(routes);
        EraseFunction.Map(routes);
        OutboxFunction.Map(routes);
    }
}
