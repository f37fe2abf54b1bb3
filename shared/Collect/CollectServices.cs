using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Pipeline.Collect;

/// <summary>Registers the collector: settings, visitor id minting, the identity writer and the HTTP handlers.</summary>
public static class CollectServices
{
    public static IServiceCollection AddCollect(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(CollectorOptions.Section).Get<CollectorOptions>() ?? new CollectorOptions();
        services.AddSingleton(options);
        services.TryAddSingleton<IVisitorIdGenerator>(_ => new RandomVisitorIdGenerator(RandomNumberGenerator.Create()));
        services.AddSingleton<VisitorIdentityWriter>();
        services.AddSingleton<CollectorHandler>();
        services.AddSingleton<SnippetHandler>();
        services.AddHostedService<SnippetAnnouncer>();
        return services;
    }

    /// <summary>Logs the versioned snippet URL at start, so whoever runs the host can paste it into the shop.</summary>
    private sealed class SnippetAnnouncer(SnippetHandler snippet, ILogger<SnippetHandler> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogInformation("Collector: snippet at {SnippetPath}, hits at {Endpoint}/h, demo page {DemoPath}",
                snippet.SnippetPath, snippet.Endpoint, snippet.DemoPath ?? "off");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
