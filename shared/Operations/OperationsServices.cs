using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Configuration;
using Pipeline.Http;
using Pipeline.Ledger;
using Pipeline.Privacy;
using Pipeline.Status;
using Pipeline.Telemetry;

namespace Pipeline.Operations;

/// <summary>Registers metrics, the status page, retention and erasure.</summary>
public static class OperationsServices
{
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(PipelineOptions.Section).Get<OperationsOptions>() ?? new OperationsOptions());
        services.AddMetrics();
        services.AddSingleton<PipelineMetrics>();
        services.AddSingleton<OperatorKeyAuthenticator>();
        services.AddSingleton<LedgerScanner>();
        services.AddSingleton<StatusReportBuilder>();
        services.AddSingleton<StatusHandler>();
        services.AddSingleton<RetentionPurger>();
        services.AddSingleton<ErasureService>();
        services.AddSingleton<ErasureHandler>();
        return services;
    }
}
