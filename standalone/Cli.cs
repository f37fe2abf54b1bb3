namespace Pipeline.Standalone;

/// <summary>
/// Operator commands run from the standalone binary (<c>dotnet Pipeline.Standalone.dll replay …</c>,
/// <c>… erase --email …</c>) with the same settings as the host. Each command lives in its own class; this only
/// dispatches. Any other first argument starts the host.
/// </summary>
public static class Cli
{
    private static readonly Dictionary<string, Func<string[], IConfiguration, CliConsole, Task<int>>> Commands =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["replay"] = ReplayCommand.RunAsync,
            ["erase"] = EraseCommand.RunAsync,
        };

    /// <summary>True when the first argument names a command.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.ContainsKey(args[0]);

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <param name="configure">Extra configuration applied last (tests point it at their storage).</param>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error,
        Action<IConfigurationBuilder>? configure = null, string? settingsDirectory = null)
    {
        var configuration = new ConfigurationBuilder();
        StandaloneConfiguration.Apply(configuration, settingsDirectory);
        configure?.Invoke(configuration);
        return Commands[args[0]](args[1..], configuration.Build(), new CliConsole(Console.In, output, error));
    }
}
