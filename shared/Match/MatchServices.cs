using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Configuration;
using Pipeline.Match.Clicks;
using Pipeline.Match.Consent;
using Pipeline.Match.Graph;

namespace Pipeline.Match;

/// <summary>Registers the matcher's settings, graph reader and policies.</summary>
public static class MatchServices
{
    public static IServiceCollection AddMatching(this IServiceCollection services, IConfiguration configuration)
    {
        var match = configuration.GetSection(MatchOptions.Section).Get<MatchOptions>() ?? new MatchOptions();
        var consent = configuration.GetSection(ConsentOptions.Section).Get<ConsentOptions>() ?? new ConsentOptions();
        services.AddSingleton(match);
        services.AddSingleton(consent);
        services.AddSingleton(new ClickWindows(match.ClickWindows));
        services.AddSingleton(sp => new ConsentPolicy(consent, sp.GetRequiredService<PipelineOptions>().DefaultRegion));
        services.AddSingleton<VisitorGraphReader>();
        services.AddSingleton<MatchEvidenceLoader>();
        return services;
    }
}
