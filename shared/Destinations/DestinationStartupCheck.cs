using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Pipeline.Destinations;

/// <summary>
/// Builds the destinations when the host starts (taking the registry builds them), so a missing token or pixel id
/// stops the start with a clear error instead of failing every queued event later.
/// </summary>
public sealed class DestinationStartupCheck(DestinationRegistry registry, ILogger<DestinationStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (options, destination) in registry.Enabled)
            logger.LogInformation("Destination {Id} ready: type {Type}, mode {Mode}", destination.Id, destination.Type, options.Mode);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
