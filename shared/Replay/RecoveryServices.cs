using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pipeline.Circuit;
using Pipeline.Http;
using Pipeline.Telemetry;

namespace Pipeline.Replay;

/// <summary>Registers what keeps deliveries from being lost: the destination circuit breaker, replay, their metrics.</summary>
public static class RecoveryServices
{
    public static IServiceCollection AddRecovery(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<PipelineMetrics>();
        services.AddSingleton<DestinationCircuitStore>();
        services.AddSingleton<CircuitBreaker>();
        services.TryAddSingleton<OperatorKeyAuthenticator>();
        services.AddSingleton<ReplayService>();
        services.AddSingleton<ReplayHandler>();
        return services;
    }
}
