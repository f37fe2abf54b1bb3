using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Pipeline.Telemetry;

/// <summary>OpenTelemetry for both hosts: the <c>Pipeline</c> meter, exported as <see cref="TelemetrySettings"/> says.</summary>
public static class PipelineTelemetry
{
    /// <summary>
    /// Registers OpenTelemetry with the pipeline's meter. The Functions app chains <c>UseFunctionsWorkerDefaults()</c>
    /// on the returned builder.
    /// </summary>
    public static OpenTelemetryBuilder AddPipelineTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = TelemetrySettings.From(configuration);
        var builder = services.AddOpenTelemetry();
        builder.WithMetrics(metrics =>
        {
            metrics.AddMeter(PipelineMetrics.MeterName);
            if (settings.Console) metrics.AddConsoleExporter();
        });
        if (settings.ExportsToAzureMonitor)
        {
            // Metrics, traces and logs; the portal's Metrics explorer and customMetrics read the metrics.
            builder.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = settings.ConnectionString;
                if (settings.UseEntraId) o.Credential = Credential(settings.ManagedIdentityClientId);
            });
        }
        return builder;
    }

    private static TokenCredential Credential(string? clientId) =>
        clientId is null
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
