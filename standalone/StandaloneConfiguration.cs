using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Pipeline.Standalone;

/// <summary>
/// Gives settings the meaning they have under Azure Functions: <c>host.json</c> under <c>AzureFunctionsJobHost</c>
/// (overridable by <c>AzureFunctionsJobHost__extensions__queues__…</c>), then <c>local.settings.json</c> <c>Values</c>,
/// then environment variables.
/// </summary>
public static class StandaloneConfiguration
{
    public const string HostSection = "AzureFunctionsJobHost";

    public static void Apply(IConfigurationBuilder builder, string? settingsDirectory = null)
    {
        var root = settingsDirectory ?? FindRoot();
        var hostJson = Path.Combine(root, "host.json");
        if (File.Exists(hostJson))
        {
            var flat = Flatten(File.ReadAllText(hostJson), HostSection).ToList();
            builder.AddInMemoryCollection(flat);
            builder.AddInMemoryCollection(LogLevels(flat));
        }

        var localSettings = Path.Combine(root, "local.settings.json");
        if (File.Exists(localSettings))
            builder.AddInMemoryCollection(ReadValues(File.ReadAllText(localSettings)));

        builder.AddEnvironmentVariables();
    }

    /// <summary>The nearest folder at or above the working directory that holds host.json, else the application folder.</summary>
    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "host.json"))) return dir.FullName;
        }
        return AppContext.BaseDirectory;
    }

    /// <summary>host.json's <c>logging.logLevel</c> means the same as ASP.NET Core's <c>Logging:LogLevel</c>.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> LogLevels(IEnumerable<KeyValuePair<string, string?>> hostSettings)
    {
        const string prefix = HostSection + ":logging:logLevel:";
        return hostSettings
            .Where(kv => kv.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(kv => new KeyValuePair<string, string?>("Logging:LogLevel:" + kv.Key[prefix.Length..], kv.Value))
            .ToList();
    }

    /// <summary><c>Values</c> keys use <c>__</c> for nesting, as app settings do.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> ReadValues(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!doc.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object) return [];
        return values.EnumerateObject()
            .Select(p => new KeyValuePair<string, string?>(p.Name.Replace("__", ":"), p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))
            .ToList();
    }

    private static IEnumerable<KeyValuePair<string, string?>> Flatten(string json, string prefix)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var result = new List<KeyValuePair<string, string?>>();
        Walk(doc.RootElement, prefix, result);
        return result;
    }

    private static void Walk(JsonElement e, string path, List<KeyValuePair<string, string?>> into)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) Walk(p.Value, $"{path}:{p.Name}", into);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray()) Walk(item, $"{path}:{i++}", into);
                break;
            default:
                into.Add(new(path, e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()));
                break;
        }
    }
}
