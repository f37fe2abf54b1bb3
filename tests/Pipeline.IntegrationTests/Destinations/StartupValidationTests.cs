using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.IntegrationTests.Destinations;

/// <summary>A destination that could never send stops the host at start, with the settings to fix.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task A_Meta_destination_without_pixel_id_stops_the_host_at_start()
    {
        var settings = DestinationSpec.HostSettings(new DestinationSpec("meta-main", "meta", "live", new Dictionary<string, string>
        {
            ["AccessToken"] = "token",
        }));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PipelineHost.StartAsync(settings));

        Assert.Contains("Destination 'meta-main' (type meta) is misconfigured: missing Settings:PixelId", error.Message);
    }
}
