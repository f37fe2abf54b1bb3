using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Ingest;
using Pipeline.Sources.Shopify;
using Pipeline.Sources.Stripe;

namespace Pipeline.Sources;

/// <summary>Registers the ingest ledger and the Shopify and Stripe webhook endpoints.</summary>
public static class SourcesServices
{
    /// <summary>Reads and validates <c>Pipeline:Sources</c>; a mistake stops start-up with every problem listed.</summary>
    public static IServiceCollection AddSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(SourcesConfiguration.Load(configuration));
        services.AddMetrics();
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<IngestLedger>();
        services.AddSingleton<EventIntake>();
        services.AddSingleton<WebhookEndpoint>();
        services.AddSingleton<ShopifyWebhookHandler>();
        services.AddSingleton<StripeWebhookHandler>();
        return services;
    }
}
