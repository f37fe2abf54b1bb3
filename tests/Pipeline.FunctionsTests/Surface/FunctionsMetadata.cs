using System.Text.Json;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.FunctionsTests.Surface;

/// <summary>
/// <c>functions.metadata</c>, which the worker SDK writes into the Functions app's build output at build time: what the
/// Functions host indexes. Routes carry host.json's <c>extensions.http.routePrefix</c>, as the host serves them.
/// </summary>
public static class FunctionsMetadata
{
    /// <summary>The Functions app's build output, in the configuration the tests were built in.</summary>
    public static string OutputDirectory { get; } = Path.Combine(RepositoryRoot.Path, "functions", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0");

    public static string FilePath => Path.Combine(OutputDirectory, "functions.metadata");

    public static JsonElement Read()
    {
        if (!File.Exists(FilePath)) throw new FileNotFoundException("Build the Functions app first.", FilePath);
        using var doc = JsonDocument.Parse(File.ReadAllText(FilePath));
        return doc.RootElement.Clone();
    }

    public static IReadOnlyList<string> FunctionNames() =>
        Read().EnumerateArray().Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<Trigger> Triggers()
    {
        var routePrefix = HttpRoutePrefix();
        var triggers = new List<Trigger>();
        foreach (var function in Read().EnumerateArray())
        {
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                if (binding.GetProperty("direction").GetString() != "In") continue;
                switch (binding.GetProperty("type").GetString())
                {
                    case "httpTrigger":
                        var route = "/" + string.Join('/', new[] { routePrefix, binding.GetProperty("route").GetString() }.Where(p => !string.IsNullOrEmpty(p)));
                        var auth = binding.GetProperty("authLevel").GetString()!.ToLowerInvariant();
                        triggers.AddRange(binding.GetProperty("methods").EnumerateArray()
                            .Select(m => new Trigger("http", $"{m.GetString()!.ToUpperInvariant()} {route}", auth)));
                        break;
                    case "queueTrigger":
                        triggers.Add(new Trigger("queue", binding.GetProperty("queueName").GetString()!, Connection(binding)));
                        break;
                    case "timerTrigger":
                        triggers.Add(new Trigger("timer", binding.GetProperty("schedule").GetString()!, "utc"));
                        break;
                    default:
                        triggers.Add(new Trigger(binding.GetProperty("type").GetString()!, function.GetProperty("name").GetString()!, "unknown trigger"));
                        break;
                }
            }
        }
        return triggers;
    }

    /// <summary>The storage connection a queue trigger listens on: its <c>connection</c>, else <c>AzureWebJobsStorage</c>.</summary>
    private static string Connection(JsonElement binding) =>
        binding.TryGetProperty("connection", out var c) && !string.IsNullOrEmpty(c.GetString()) ? c.GetString()! : "AzureWebJobsStorage";

    private static string HttpRoutePrefix()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")));
        return host.RootElement.TryGetProperty("extensions", out var ext) && ext.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix) ? prefix.GetString() ?? "" : "api";
    }
}
