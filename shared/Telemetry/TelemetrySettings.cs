using Microsoft.Extensions.Configuration;

namespace Pipeline.Telemetry;

/// <summary>
/// Where metrics go, read from the same settings the Functions host reads: Application Insights when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (with Entra ID when <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>
/// says <c>Authorization=AAD</c>, since local auth is off in Azure), the console when <c>Pipeline:Telemetry:Console</c>
/// is true, else nowhere.
/// </summary>
public sealed record TelemetrySettings(string? ConnectionString, bool UseEntraId, string? ManagedIdentityClientId, bool Console)
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string ConsoleSetting = "Pipeline:Telemetry:Console";

    public bool ExportsToAzureMonitor => !string.IsNullOrWhiteSpace(ConnectionString);

    public static TelemetrySettings From(IConfiguration configuration)
    {
        var (aad, clientId) = ParseAuthentication(configuration[AuthenticationStringSetting]);
        return new TelemetrySettings(
            NullIfBlank(configuration[ConnectionStringSetting]),
            aad,
            clientId,
            bool.TryParse(configuration[ConsoleSetting], out var console) && console);
    }

    /// <summary>Reads <c>Authorization=AAD;ClientId=…</c> (the documented format; either order, any case).</summary>
    public static (bool Aad, string? ClientId) ParseAuthentication(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return (false, null);
        var parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        var aad = parts.TryGetValue("Authorization", out var auth) && string.Equals(auth, "AAD", StringComparison.OrdinalIgnoreCase);
        return (aad, parts.TryGetValue("ClientId", out var id) ? NullIfBlank(id) : null);
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
