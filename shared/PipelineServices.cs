using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pipeline.Collect;
using Pipeline.Configuration;
using Pipeline.DeadLetter;
using Pipeline.Destinations;
using Pipeline.Destinations.Outbox;
using Pipeline.Http;
using Pipeline.Ingest;
using Pipeline.Ledger;
using Pipeline.Match;
using Pipeline.Operations;
using Pipeline.Replay;
using Pipeline.Send;
using Pipeline.Sources;
using Pipeline.Storage;

namespace Pipeline;

/// <summary>The one composition of the pipeline library, shared by both hosts.</summary>
public static class PipelineServices
{
    public static IServiceCollection AddPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>() ?? new PipelineOptions();
        if (options.Leases.Problems().Concat(options.Delivery.Problems()).ToList() is { Count: > 0 } problems)
            throw new InvalidOperationException(string.Join("; ", problems));
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StorageTransactionCounter>();
        services.AddSingleton(sp => StorageClients.FromConfiguration(configuration, sp.GetRequiredService<StorageTransactionCounter>()));
        services.AddSingleton<QueueNames>();
        services.AddSingleton<TableNames>();
        services.AddSingleton<PipelineQueues>();
        services.AddHostedService<StorageInitializer>();

        services.AddSingleton<DeliveryLedger>();
        services.AddSingleton<LedgerLeases>();
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<OutboxHandler>();
        services.AddSingleton<IDestinationFactory, OutboxDestinationFactory>();
        services.AddSingleton<DestinationRegistry>();
        services.AddDestinations();
        services.AddSingleton(sp => new RetrySchedule(sp.GetRequiredService<PipelineOptions>().Retry, Random.Shared));

        services.AddSingleton(configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions());
        services.AddSingleton<ClientRateLimiter>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<ServerEventsHandler>();
        services.AddMatching(configuration);
        services.AddSingleton<Matcher>();
        services.AddSingleton<DeliveryBatcher>();
        services.AddSingleton<Sender>();
        services.AddSingleton<DeadLetterHandler>();
        services.AddRecovery();
        services.AddSources(configuration);
        services.AddOperations(configuration);
        services.AddCollect(configuration);
        return services;
    }
}
