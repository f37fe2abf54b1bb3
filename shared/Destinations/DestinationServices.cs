using Microsoft.Extensions.DependencyInjection;
using Pipeline.Destinations.Ga4;
using Pipeline.Destinations.GoogleAds;
using Pipeline.Destinations.Http;
using Pipeline.Destinations.Meta;
using Pipeline.Destinations.Pinterest;
using Pipeline.Destinations.Platform;
using Pipeline.Destinations.Snapchat;
using Pipeline.Destinations.TikTok;

namespace Pipeline.Destinations;

/// <summary>Registers the platform destinations and the HTTP path they share: a platform is one <c>AddPlatform</c> line.</summary>
public static class DestinationServices
{
    public static IServiceCollection AddDestinations(this IServiceCollection services)
    {
        PlatformHttpClient.Register(services);
        services.AddSingleton<PlatformHttpClient>();
        services.AddPlatform(new MetaPlatform());
        services.AddPlatform(new TikTokPlatform());
        services.AddPlatform(new GoogleAdsPlatform());
        services.AddPlatform(new Ga4Platform());
        services.AddPlatform(new PinterestPlatform());
        services.AddPlatform(new SnapchatPlatform());
        services.AddHostedService<DestinationStartupCheck>();
        return services;
    }
}
