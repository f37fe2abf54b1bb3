using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Standalone;

namespace Pipeline.FunctionsTests.Surface;

/// <summary>
/// The standalone host's triggers, read from the host itself: the route table of the app
/// <see cref="StandaloneHost.Build"/> returns, the queue-triggered methods of <see cref="FunctionTypes"/>, and the
/// schedule of every timer it runs as a hosted service.
/// </summary>
public static class StandaloneSurface
{
    /// <summary>
    /// The collector's prefix is a setting: the standalone host maps the configured one, the Functions app a
    /// <c>{prefix}</c> route value its handlers compare with the setting. A distinctive value makes them comparable.
    /// </summary>
    private const string CollectorPrefix = "collectorprefixundertest";

    public static IReadOnlyList<Trigger> Triggers()
    {
        var app = StandaloneHost.Build([], config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Pipeline:Collector:RoutePrefix"] = CollectorPrefix,
        }), RepositoryRoot.HostSettingsOnly);
        try
        {
            return [.. HttpTriggers(app), .. QueueTriggers(), .. TimerTriggers(app.Services)];
        }
        finally
        {
            ((IDisposable)app).Dispose();
        }
    }

    private static IEnumerable<Trigger> HttpTriggers(IEndpointRouteBuilder app)
    {
        foreach (var endpoint in app.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
        {
            var route = endpoint.RoutePattern.RawText!.Replace($"/{CollectorPrefix}/", "/{prefix}/");
            // No authorization on the host: every route checks its own key (or none), as an anonymous function does.
            var auth = endpoint.Metadata.GetMetadata<IAuthorizeData>() is null ? "anonymous" : "authorized";
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                yield return new Trigger("http", $"{method} {route}", auth);
        }
    }

    private static IEnumerable<Trigger> QueueTriggers() =>
        from type in new FunctionTypes().GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        from parameter in method.GetParameters()
        let queue = parameter.GetCustomAttribute<Microsoft.Azure.WebJobs.QueueTriggerAttribute>()
        where queue is not null
        select new Trigger("queue", queue.QueueName, string.IsNullOrEmpty(queue.Connection) ? "AzureWebJobsStorage" : queue.Connection);

    /// <summary>Hosted services of the host's function classes that declare a <c>Schedule</c>.</summary>
    private static IEnumerable<Trigger> TimerTriggers(IServiceProvider services) =>
        from service in services.GetServices<IHostedService>()
        let type = service.GetType()
        where type.Namespace == "Pipeline.Standalone.Functions"
        let schedule = type.GetField("Schedule", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string
        select new Trigger("timer", schedule ?? $"{type.Name} declares no Schedule", "utc");
}
