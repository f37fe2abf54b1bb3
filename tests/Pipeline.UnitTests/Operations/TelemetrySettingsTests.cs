using Microsoft.Extensions.Configuration;
using Pipeline.Telemetry;

namespace Pipeline.UnitTests.Operations;

public sealed class TelemetrySettingsTests
{
    private static TelemetrySettings From(params (string Key, string Value)[] values) =>
        TelemetrySettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Nothing_set_exports_nowhere()
    {
        var settings = From();

        Assert.False(settings.ExportsToAzureMonitor);
        Assert.False(settings.Console);
    }

    [Fact]
    public void A_connection_string_exports_to_application_insights_with_the_managed_identity_named_by_the_authentication_string()
    {
        var settings = From(
            ("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000000"),
            ("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD"));

        Assert.True(settings.ExportsToAzureMonitor);
        Assert.True(settings.UseEntraId);
        Assert.Equal("11111111-2222-3333-4444-555555555555", settings.ManagedIdentityClientId);
    }

    [Fact]
    public void Entra_id_without_a_client_id_uses_the_default_credential()
    {
        Assert.Equal((true, null), TelemetrySettings.ParseAuthentication("authorization=aad"));
        Assert.Equal((false, null), TelemetrySettings.ParseAuthentication(null));
    }

    [Fact]
    public void The_console_exporter_is_on_only_when_asked()
    {
        Assert.True(From(("Pipeline:Telemetry:Console", "true")).Console);
        Assert.False(From(("Pipeline:Telemetry:Console", "yes")).Console);
    }
}
