using Microsoft.Extensions.Configuration;

namespace Pipeline.Standalone;

/// <summary>
/// Operator commands run from the standalone binary (<c>dotnet Pipeline.Standalone.dll erase --email …</c>) with
/// the same settings as the host. Each command lives in its own class; this only dispatches.
/// </summary>
public static class Cli
{
    private static readonly Dictionary<string, Func<string[], IConfiguration, CliConsole, Task<int>>> Commands =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["erase"] = EraseCommand.RunAsync,
        };

    /// <summary>True when the first argument names a command (anything else starts the host).</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.ContainsKey(args[0]);

    public static Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder();
        StandaloneConfiguration.Apply(configuration);
        return Commands[args[0]](args[1..], configuration.Build(), CliConsole.System);
    }
}
