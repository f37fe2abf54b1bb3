using System.Text.Json;
using Azure.Storage.Queues;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.FunctionsTests.Worker;

/// <summary>
/// The Functions app's worker, started as a process against Azurite and connected to <see cref="FakeFunctionsHost"/>,
/// taken through the host's start-up conversation: StartStream from the worker, then WorkerInitRequest,
/// FunctionsMetadataRequest and one FunctionLoadRequest per reported function from the host. Tests invoke functions
/// on it afterwards.
/// </summary>
public sealed class RunningWorker : IAsyncLifetime
{
    /// <summary>Starting a process and its first answers: generous, for a machine busy with other builds.</summary>
    private static readonly TimeSpan StartupBound = TimeSpan.FromMinutes(3);

    public const string ApiKey = "worker-test-api-key";

    public Azurite Azurite { get; private set; } = null!;
    public FakeFunctionsHost Host { get; private set; } = null!;
    public WorkerProcess Worker { get; private set; } = null!;
    public string Prefix { get; } = "w" + Guid.NewGuid().ToString("N")[..10];

    public JsonElement StartStream { get; private set; }
    public JsonElement InitResponse { get; private set; }
    public JsonElement MetadataResponse { get; private set; }
    public IReadOnlyList<JsonElement> LoadResponses { get; private set; } = [];

    /// <summary>Function name → the id the worker gave it, used by the host to load and invoke it.</summary>
    public IReadOnlyDictionary<string, string> FunctionIds { get; private set; } = new Dictionary<string, string>();

    public string EventsQueue => $"{Prefix}-events";
    public string DeliveriesQueue => $"{Prefix}-deliveries";

    public async Task InitializeAsync()
    {
        // An emulator of its own, stopped with the worker: nothing is left running after the suite.
        Azurite = await Azurite.StartDedicatedAsync();
        Host = FakeFunctionsHost.Start();
        Worker = WorkerProcess.Start(Host.Port, new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["Pipeline__EventsQueue"] = EventsQueue,
            ["Pipeline__DeliveriesQueue"] = DeliveriesQueue,
            ["Pipeline__TablePrefix"] = Prefix,
            ["Pipeline__ApiKeys"] = ApiKey,
        });

        StartStream = await WaitAsync("startStream", timeout: StartupBound);
        await Host.SendAsync(new
        {
            requestId = "init",
            workerInitRequest = new
            {
                hostVersion = "4.1040.0",
                functionAppDirectory = Worker.Directory,
                workerDirectory = Worker.Directory,
                capabilities = new Dictionary<string, string>(),
                logCategories = new Dictionary<string, string>(),
            },
        });
        InitResponse = await WaitAsync("workerInitResponse", timeout: StartupBound);

        await Host.SendAsync(new { requestId = "metadata", functionsMetadataRequest = new { functionAppDirectory = Worker.Directory } });
        MetadataResponse = await WaitAsync("functionMetadataResponse", timeout: StartupBound);

        var functions = MetadataResponse.GetProperty("functionMetadataResults").EnumerateArray().ToList();
        FunctionIds = functions.ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("functionId").GetString()!);
        foreach (var function in functions)
        {
            // The host loads each function with the metadata the worker reported for it.
            await Host.SendAsync(new
            {
                requestId = "load-" + function.GetProperty("name").GetString(),
                functionLoadRequest = new { functionId = function.GetProperty("functionId").GetString(), metadata = function },
            });
        }
        var loads = new List<JsonElement>();
        foreach (var id in FunctionIds.Values)
            loads.Add(await WaitAsync("functionLoadResponse", r => r.GetProperty("functionId").GetString() == id, StartupBound));
        LoadResponses = loads;

        // The worker creates its queues on start (StorageInitializer); invocations below need them.
        await Eventually.True(async () => (await Queue(DeliveriesQueue).ExistsAsync()).Value, "the worker to create its queues", StartupBound);
    }

    /// <summary>Sends one InvocationRequest and waits for the worker's InvocationResponse to it.</summary>
    public async Task<JsonElement> InvokeAsync(string function, string invocationId, object[] inputData, IDictionary<string, object>? triggerMetadata = null)
    {
        await Host.SendAsync(new
        {
            requestId = "invoke-" + invocationId,
            invocationRequest = new
            {
                invocationId,
                functionId = FunctionIds[function],
                inputData,
                triggerMetadata = triggerMetadata ?? new Dictionary<string, object>(),
                // The host always sends the W3C trace context of the invocation; the worker builds its Activity from it.
                traceContext = new
                {
                    traceParent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01",
                    traceState = "",
                    attributes = new Dictionary<string, string>(),
                },
            },
        });
        return await WaitAsync("invocationResponse", r => r.GetProperty("invocationId").GetString() == invocationId);
    }

    /// <summary>A message from the worker, failing at once (with its output) if the worker process ended.</summary>
    public async Task<JsonElement> WaitAsync(string content, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        var wait = Host.WaitForAsync(content, match, timeout);
        var exited = Eventually.True(() => Task.FromResult(Worker.HasExited), "the worker to exit", TimeSpan.FromMinutes(10));
        if (await Task.WhenAny(wait, exited) != wait)
            throw new InvalidOperationException($"The worker exited before sending {content}:{Environment.NewLine}{Worker.Output}");
        try
        {
            return await wait;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}{Environment.NewLine}Worker output:{Environment.NewLine}{Worker.Output}" +
                $"{Environment.NewLine}Worker logs:{Environment.NewLine}{Host.Logs()}", e);
        }
    }

    public QueueClient Queue(string name) =>
        new(Azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public async Task DisposeAsync()
    {
        if (Worker is not null) await Worker.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
        if (Azurite is not null) await Azurite.DisposeAsync();
    }
}

/// <summary>The test classes that talk to the worker share one started worker.</summary>
[CollectionDefinition(Name)]
public sealed class WorkerCollection : ICollectionFixture<RunningWorker>
{
    public const string Name = "Functions worker";
}
