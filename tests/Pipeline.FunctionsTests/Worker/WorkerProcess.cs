using System.Diagnostics;
using System.Text;
using Pipeline.FunctionsTests.Composition;
using Pipeline.FunctionsTests.Surface;

namespace Pipeline.FunctionsTests.Worker;

/// <summary>
/// The built Functions app started as the Functions host starts a .NET isolated worker (its <c>worker.config.json</c>:
/// <c>dotnet Pipeline.Functions.dll</c> in the app's folder), with the host's command line and the app settings as
/// environment variables.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public string WorkerId { get; }
    public string Directory { get; }

    private WorkerProcess(Process process, string workerId, string directory)
    {
        _process = process;
        WorkerId = workerId;
        Directory = directory;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The worker's console output, for a failing test's message.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static WorkerProcess Start(int hostPort, IReadOnlyDictionary<string, string> appSettings)
    {
        var directory = FunctionsMetadata.OutputDirectory;
        var workerId = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "Pipeline.Functions.dll"));
        foreach (var argument in WorkerSettings.HostArguments(hostPort, workerId)) start.ArgumentList.Add(argument);

        // What the host sets for every worker (the worker loads functions from FUNCTIONS_WORKER_DIRECTORY), then the
        // app settings, as on the platform: environment variables.
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["AzureWebJobsScriptRoot"] = directory;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = directory;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = directory;
        start.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (name, value) in appSettings) start.Environment[name] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start the worker.");
        var worker = new WorkerProcess(process, workerId, directory);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
