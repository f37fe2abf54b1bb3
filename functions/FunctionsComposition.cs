using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Telemetry;

namespace Pipeline.Functions;

/// <summary>
/// The worker's whole composition, in one place so <c>Program.cs</c> and the tests build the same service provider.
/// Validated on build: a registration that cannot be constructed stops the worker at start, with the missing type
/// named, instead of failing the first invocation that needs it.
/// </summary>
public static class FunctionsComposition
{
    public static FunctionsApplicationBuilder Configure(FunctionsApplicationBuilder builder)
    {
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddPipeline(builder.Configuration);
        builder.Services.AddPipelineTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();
        return builder;
    }
}
