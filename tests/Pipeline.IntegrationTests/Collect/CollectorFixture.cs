namespace Pipeline.IntegrationTests.Collect;

/// <summary>One collector host shared by a test class: allowed shop origin, trusted proxy header, country header, demo page.</summary>
public sealed class CollectorFixture : IAsyncLifetime
{
    public const string ShopOrigin = "https://shop.example";

    public CollectorHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await CollectorHost.StartAsync(new Dictionary<string, string?>
    {
        ["Pipeline:Collector:AllowedOrigins"] = ShopOrigin + ", https://other.example",
        ["Pipeline:Collector:TrustedProxyHeader"] = "X-Forwarded-For",
        ["Pipeline:Collector:CountryHeader"] = "X-Country",
        ["Pipeline:Collector:ConsentRequiredRegions"] = "EEA,UK",
        ["Pipeline:Collector:DemoPage"] = "true",
        ["Pipeline:DefaultRegion"] = "DE",
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
