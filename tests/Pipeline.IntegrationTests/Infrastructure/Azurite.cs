using System.Diagnostics;
using System.Net.Sockets;

namespace Pipeline.IntegrationTests.Infrastructure;

/// <summary>
/// A real Azurite (the npm package installed in the repository) on free ports, with its data in a fresh temporary
/// folder: one per test run, shared by the tests, which isolate themselves with unique queue and table names.
/// A dedicated instance (<see cref="StartDedicatedAsync"/>) can be stopped and restarted on the same ports with the
/// same data, to simulate a storage outage.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private static readonly Lazy<Task<Azurite>> SharedInstance = new(StartAsync);

    private Process _process;
    private readonly string _dataDir;

    /// <summary>The folder Azurite keeps its tables, queues and blobs in (read it after <see cref="StopAsync"/>, which saves them).</summary>
    public string DataDirectory => _dataDir;

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    /// <summary>The Azurite well-known development account, on this instance's ports.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public static Task<Azurite> Shared => SharedInstance.Value;

    private Azurite(Process process, string dataDir, int blob, int queue, int table)
    {
        _process = process;
        _dataDir = dataDir;
        BlobPort = blob;
        QueuePort = queue;
        TablePort = table;
    }

    private static Task<Azurite> StartAsync() => StartDedicatedAsync();

    /// <summary>A new Azurite of its own (not the shared one), on free ports fixed for its lifetime.</summary>
    public static async Task<Azurite> StartDedicatedAsync()
    {
        var dataDir = Directory.CreateTempSubdirectory("azurite-test-").FullName;
        var (blob, queue, table) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var azurite = new Azurite(Launch(dataDir, blob, queue, table), dataDir, blob, queue, table);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Stop();
        await azurite.WaitUntilListeningAsync();
        return azurite;
    }

    /// <summary>
    /// Stops the emulator (an outage): requests fail to connect until <see cref="RestartAsync"/>. SIGTERM, so it
    /// saves its data the way a storage service keeps what it acknowledged; SIGKILL only if it does not exit.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await term.WaitForExitAsync();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the emulator again on the same ports with the same data folder (after <see cref="StopAsync"/>).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _process.Dispose();
        _process = Launch(_dataDir, BlobPort, QueuePort, TablePort);
        await WaitUntilListeningAsync();
    }

    private static Process Launch(string dataDir, int blob, int queue, int table)
    {
        var script = Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
            throw new InvalidOperationException("Azurite is not installed: run `npm ci` in the repository root (the test script does).");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script, "--silent", "--skipApiVersionCheck",
                "--location", dataDir,
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not start Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await CanConnectAsync(port))
            {
                if (_process.HasExited) throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}.");
                if (DateTime.UtcNow > deadline) throw new TimeoutException("Azurite did not start within 30 s.");
                await Task.Delay(100);
            }
        }
    }

    private static async Task<bool> CanConnectAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Stop()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Best effort at process exit: the temporary folder is the only leftover.
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
