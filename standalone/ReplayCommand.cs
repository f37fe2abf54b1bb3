using Microsoft.Extensions.DependencyInjection.Extensions;
using Pipeline.Replay;

namespace Pipeline.Standalone;

/// <summary>
/// <c>replay [--destination ID] [--since DATE] [--until DATE] [--reason TEXT] [--note TEXT] [--dry-run]</c>:
/// re-enqueues dead-lettered deliveries with their original event ids.
/// </summary>
public static class ReplayCommand
{

    private const string Usage =
        "usage: replay [--destination ID] [--since DATE] [--until DATE] [--reason TEXT] [--note TEXT] [--dry-run]\n" +
        "  re-enqueues dead-lettered deliveries with their original event ids; DATE is 2026-11-01 or 2026-11-01T08:00:00Z\n" +
        "  --destination ~match replays events that failed to be matched";

    /// <param name="args">The arguments after the command name.</param>
    /// <returns>The exit code: 0 done, 1 storage failed, 2 wrong arguments.</returns>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, CliConsole console)
    {
        var (output, error, ct) = (console.Out, console.Error, CancellationToken.None);
        var (request, problem) = Parse(args);
        if (request is null)
        {
            await error.WriteLineAsync(problem is null ? Usage : $"{problem}\n{Usage}");
            return 2;
        }

        var services = new ServiceCollection().AddLogging().AddPipeline(configuration);
        services.RemoveAll<IHostedService>();
        await using var provider = services.BuildServiceProvider();

        try
        {
            var summary = await provider.GetRequiredService<ReplayService>().ReplayAsync(request, ct);
            await output.WriteLineAsync(
                $"{(summary.DryRun ? "dry run: " : "")}matched {summary.Matched}, {(summary.DryRun ? "would enqueue" : "enqueued")} {summary.Enqueued}, skipped {summary.Skipped}");
            foreach (var item in summary.Items)
                await output.WriteLineAsync($"{item.EventId}\t{item.Destination}\t{item.Outcome}\t{item.LastError}");
            if (summary.Matched > summary.Items.Count)
                await output.WriteLineAsync($"… {summary.Matched - summary.Items.Count} more not listed");
            return 0;
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or IOException or TimeoutException or InvalidOperationException)
        {
            await error.WriteLineAsync($"replay failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>The request, or (null, problem) for wrong arguments, (null, null) for <c>--help</c>.</summary>
    public static (ReplayRequest? Request, string? Problem) Parse(string[] args)
    {
        var body = new ReplayRequestBody();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h") return (null, null);
            if (name == "--dry-run")
            {
                body = body with { DryRun = true };
                continue;
            }
            if (i + 1 >= args.Length) return (null, $"{name} needs a value");
            var value = args[++i];
            switch (name)
            {
                case "--destination": body = body with { Destination = value }; break;
                case "--since" or "--from": body = body with { From = value }; break;
                case "--until" or "--to": body = body with { To = value }; break;
                case "--reason": body = body with { Reason = value }; break;
                case "--note": body = body with { Note = value }; break;
                default: return (null, $"unknown option {name}");
            }
        }
        var (request, error) = body.ToRequest();
        return (request, error);
    }
}
