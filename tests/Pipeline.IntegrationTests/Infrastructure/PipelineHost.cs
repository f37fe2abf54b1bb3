using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Ledger;
using Pipeline.Standalone;

namespace Pipeline.IntegrationTests.Infrastructure;

/// <summary>
/// The standalone host, in process, on a free port, against the shared Azurite, with queue and table names of its
/// own so tests never see each other's messages.
/// </summary>
public sealed class PipelineHost : IAsyncDisposable
{
    public const string ApiKey = "test-api-key";

    private readonly WebApplication _app;

    public Azurite Azurite { get; }
    public string Prefix { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    public string EventsQueue => $"{Prefix}-events";
    public string DeliveriesQueue => $"{Prefix}-deliveries";
    public string TablePrefix => Prefix.Replace("-", "");

    /// <summary>Every setting the host was started with (storage, names, keys): a second process can share its storage.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    private PipelineHost(WebApplication app, Azurite azurite, string prefix, IReadOnlyDictionary<string, string?> settings)
    {
        _app = app;
        Settings = settings;
        Azurite = azurite;
        Prefix = prefix;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <param name="settings">Settings as app-setting keys (<c>Pipeline:Destinations:0:Type</c>…), applied last.</param>
    /// <param name="services">Registers extra services (a test's own destination type) after the pipeline's.</param>
    /// <param name="azurite">A dedicated emulator instead of the shared one (a test that reads Azurite's files).</param>
    public static async Task<PipelineHost> StartAsync(IDictionary<string, string?>? settings = null, int maxDequeueCount = 3,
        Action<IServiceCollection>? services = null, Azurite? azurite = null)
    {
        azurite ??= await Azurite.Shared;
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var values = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Pipeline:EventsQueue"] = $"{prefix}-events",
            ["Pipeline:DeliveriesQueue"] = $"{prefix}-deliveries",
            ["Pipeline:TablePrefix"] = prefix,
            ["Pipeline:ApiKeys"] = ApiKey,
            ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = maxDequeueCount.ToString(),
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.500",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // Every test request comes from 127.0.0.1: one address sending more than any shopper would. The abuse
        // limits are settings like any other; tests of the limits themselves pass their own.
        foreach (var route in new[] { "Collector", "Ingest" })
        {
            values[$"Pipeline:RateLimits:{route}:PermitsPerSecond"] = "100000";
            values[$"Pipeline:RateLimits:{route}:Burst"] = "100000";
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;

        var app = StandaloneHost.Build([], config => config.AddInMemoryCollection(values), RepositoryRoot.HostSettingsOnly, services);
        await app.StartAsync();
        return new PipelineHost(app, azurite, prefix, values);
    }

    public QueueClient Queue(string name) =>
        new(Azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public TableClient Table(string name) => new(Azurite.ConnectionString, TablePrefix + name);

    public DeliveryLedger Ledger => Services.GetRequiredService<DeliveryLedger>();

    public Task<HttpResponseMessage> PostEventAsync(object body, string? apiKey = ApiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = JsonContent.Create(body) };
        if (apiKey is not null) request.Headers.Add("x-api-key", apiKey);
        return Http.SendAsync(request);
    }

    /// <summary>Messages in a queue, visible or not (a processed message is deleted).</summary>
    public async Task<int> MessageCountAsync(string queue) =>
        (await Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
