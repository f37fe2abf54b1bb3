using System.Diagnostics;
using System.Globalization;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.Bench;

/// <summary>
/// Attaches the repository's local diagnostic tools (.config/dotnet-tools.json) to a running host for a fixed time:
/// <c>dotnet-trace collect</c> (sampled thread stacks) and <c>dotnet-counters collect</c> (runtime and ASP.NET Core
/// counters as CSV). Bounded by <c>--duration</c>, so it stops by itself.
/// </summary>
public sealed class HostProfiler
{
    private readonly List<Process> _tools = [];

    private HostProfiler() { }

    /// <summary>Starts both tools on the process; files are <c>{output}.nettrace</c> and <c>{output}.counters.csv</c>.</summary>
    public static async Task<HostProfiler> AttachAsync(int processId, string output, TimeSpan duration)
    {
        var profiler = new HostProfiler();
        var span = duration.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture);
        var pid = processId.ToString(CultureInfo.InvariantCulture);
        profiler.Start("dotnet-trace", "collect", "-p", pid, "--profile", "dotnet-sampled-thread-time", "-o", output + ".nettrace", "--duration", span);
        profiler.Start("dotnet-counters", "collect", "-p", pid, "--counters", "System.Runtime,Microsoft.AspNetCore.Hosting,System.Net.Http",
            "--format", "csv", "-o", output + ".counters.csv", "--duration", span);
        // The sessions need a moment to start before the load does.
        await Task.Delay(TimeSpan.FromSeconds(2));
        return profiler;
    }

    /// <summary>Waits for both tools to finish writing their files.</summary>
    public async Task StopAsync()
    {
        foreach (var tool in _tools)
        {
            await tool.WaitForExitAsync();
            if (tool.ExitCode != 0) Console.WriteLine($"profiler: {tool.StartInfo.ArgumentList[2]} exited with {tool.ExitCode}");
        }
    }

    private void Start(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var a in (string[])["tool", "run", tool, "--", .. arguments]) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        _tools.Add(process);
    }
}
