using System.Diagnostics;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.IntegrationTests.Reliability;

/// <summary>
/// The built standalone host (<c>standalone/bin/{config}/net10.0/Pipeline.Standalone.dll</c>) as a child process,
/// configured by environment variables, so it can be killed with SIGKILL and started again on the same settings.
/// </summary>
public sealed class StandaloneProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _workDir;
    private readonly Queue<string> _output = new();
    private Process? _process;
    private bool _disposed;

    private StandaloneProcess(Dictionary<string, string?> settings, string workDir, int port)
    {
        _settings = settings;
        _workDir = workDir;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }
    public Uri BaseAddress { get; }

    /// <summary>The process id of the running host (for its working set), or null.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>
    /// Starts the host on a free port with these settings (keys as in configuration, <c>:</c> or <c>__</c>); its
    /// working folder holds only a copy of the repository's host.json, so no local.settings.json leaks in.
    /// </summary>
    public static async Task<StandaloneProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var port = FreePort.Next();
        var workDir = Directory.CreateTempSubdirectory("standalone-").FullName;
        File.Copy(System.IO.Path.Combine(RepositoryRoot.Path, "host.json"), System.IO.Path.Combine(workDir, "host.json"));
        var values = new Dictionary<string, string?>(settings) { ["urls"] = $"http://127.0.0.1:{port}" };
        var host = new StandaloneProcess(values, workDir, port);
        await host.StartAsync();
        return host;
    }

    /// <summary>Where the standalone build is, in the same configuration as these tests.</summary>
    public static string DllPath
    {
        get
        {
            var config = AppContext.BaseDirectory.Contains($"{System.IO.Path.DirectorySeparatorChar}Release{System.IO.Path.DirectorySeparatorChar}")
                ? "Release" : "Debug";
            return System.IO.Path.Combine(RepositoryRoot.Path, "standalone", "bin", config, "net10.0", "Pipeline.Standalone.dll");
        }
    }

    /// <summary>Starts the process again with the same settings and port (after <see cref="Kill"/>).</summary>
    public async Task StartAsync()
    {
        if (!File.Exists(DllPath)) throw new InvalidOperationException($"{DllPath} is missing: build the solution first.");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(DllPath);
        foreach (var (key, value) in _settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!_disposed) Kill();
        };

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.True(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"The standalone host exited with code {process.ExitCode}.");
            try
            {
                return (await http.GetAsync("/api/health")).IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, "the standalone host to answer /api/health", TimeSpan.FromSeconds(60));
    }

    /// <summary>The host's last lines of output (warnings and errors), to explain a failed scenario.</summary>
    public string RecentOutput()
    {
        lock (_output) return string.Join(Environment.NewLine, _output);
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 80) _output.Dequeue();
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, in-flight requests and queue messages are cut off.</summary>
    public void Kill()
    {
        if (_process is not { HasExited: false } process) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    /// <summary>Peak working set of the running process, bytes (from /proc: VmHWM).</summary>
    public long PeakWorkingSetBytes()
    {
        if (_process is not { HasExited: false } process) return 0;
        var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _disposed = true;
        _process?.Dispose();
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
        return ValueTask.CompletedTask;
    }
}
