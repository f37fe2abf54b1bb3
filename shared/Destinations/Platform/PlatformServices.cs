using Microsoft.Extensions.DependencyInjection;
using Pipeline.Destinations.Http;
using Pipeline.Destinations.Outbox;

namespace Pipeline.Destinations.Platform;

/// <summary>Makes a platform configurable as a destination <c>Type</c>: one line per platform in <see cref="DestinationServices"/>.</summary>
public static class PlatformServices
{
    public static IServiceCollection AddPlatform<TSettings>(this IServiceCollection services, AdPlatform<TSettings> platform)
        where TSettings : class, IPlatformSettings, new() =>
        services.AddSingleton<IDestinationFactory>(sp => new PlatformDestinationFactory<TSettings>(platform,
            sp.GetRequiredService<PlatformHttpClient>(), sp.GetRequiredService<OutboxWriter>(), sp.GetRequiredService<TimeProvider>()));
}
