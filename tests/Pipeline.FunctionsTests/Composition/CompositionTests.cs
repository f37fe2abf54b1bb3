using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Functions;
using Pipeline.Storage;

namespace Pipeline.FunctionsTests.Composition;

/// <summary>
/// The worker's service provider, built by the same <see cref="FunctionsComposition"/> as <c>Program.cs</c> (validate
/// on build, validate scopes), creates every function class the way the worker activates it, with its whole graph.
/// </summary>
public sealed class CompositionTests
{
    /// <summary>Every class in the app with a <c>[Function]</c> method: what the worker instantiates per invocation.</summary>
    public static IReadOnlyList<Type> FunctionClasses { get; } = typeof(FunctionsComposition).Assembly.GetTypes()
        .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
        .OrderBy(t => t.FullName)
        .ToList();

    [Fact]
    public void The_app_has_function_classes_to_compose()
    {
        Assert.True(FunctionClasses.Count >= 10, $"only {FunctionClasses.Count} function classes found");
    }

    [Fact]
    public void With_the_sample_settings_every_function_class_and_its_dependencies_resolve() =>
        AssertEveryFunctionResolves(WorkerSettings.Sample());

    [Fact]
    public void With_identity_based_storage_and_resolved_key_vault_secrets_every_function_class_resolves() =>
        AssertEveryFunctionResolves(WorkerSettings.ProductionLike());

    [Fact]
    public void Identity_based_storage_settings_give_clients_for_the_named_account_without_any_key()
    {
        using var host = Build(WorkerSettings.ProductionLike());
        var clients = host.Services.GetRequiredService<StorageClients>();
        Assert.Equal("https://stpipelineprod.queue.core.windows.net/", clients.Queues.Uri.ToString());
        Assert.Equal("https://stpipelineprod.table.core.windows.net/", clients.Tables.Uri.ToString());
    }

    [Fact]
    public void Without_any_storage_setting_the_worker_refuses_to_start_and_names_the_setting()
    {
        var settings = WorkerSettings.ProductionLike().Where(kv => !kv.Key.StartsWith("AzureWebJobsStorage"))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        using var host = Build(settings);
        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetServices<IHostedService>().ToList());
        Assert.Contains("AzureWebJobsStorage", error.Message);
    }

    internal static IHost Build(IReadOnlyDictionary<string, string> settings)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(WorkerSettings.HostEndpointConfiguration());
        builder.Configuration.AddInMemoryCollection(WorkerSettings.AsConfiguration(settings));
        FunctionsComposition.Configure(builder);
        return builder.Build();
    }

    internal static void AssertEveryFunctionResolves(IReadOnlyDictionary<string, string> settings)
    {
        // Build() validates every registration (ValidateOnBuild); resolving below runs the factories it cannot check.
        using var host = Build(settings);
        Assert.NotEmpty(host.Services.GetServices<IHostedService>());
        using var scope = host.Services.CreateScope();
        foreach (var type in FunctionClasses)
        {
            // The worker's default activator: constructor arguments from the invocation's scope.
            var function = ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);
            Assert.IsType(type, function);
        }
    }
}
