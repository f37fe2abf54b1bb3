using System.Text.Json;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.FunctionsTests.Composition;

/// <summary>
/// App settings as the Functions host hands them to the worker: environment variables, <c>__</c> for nesting. Key Vault
/// references arrive already resolved (the platform resolves them before the worker starts), so a secret is a value.
/// </summary>
public static class WorkerSettings
{
    /// <summary>
    /// The command line the Functions host (v4) starts a worker with: the legacy switches and the <c>--functions-*</c>
    /// ones, which the worker maps to <c>Functions:Worker:HostEndpoint</c>, <c>WorkerId</c>, <c>RequestId</c> and
    /// <c>GrpcMaxMessageLength</c> and builds its gRPC channel to the host from.
    /// </summary>
    public static string[] HostArguments(int port = 65535, string? workerId = null, string? requestId = null)
    {
        workerId ??= Guid.NewGuid().ToString();
        requestId ??= Guid.NewGuid().ToString();
        var maxMessage = int.MaxValue.ToString();
        return
        [
            "--host", "127.0.0.1", "--port", port.ToString(), "--workerId", workerId, "--requestId", requestId,
            "--grpcMaxMessageLength", maxMessage,
            "--functions-uri", $"http://127.0.0.1:{port}/", "--functions-worker-id", workerId,
            "--functions-request-id", requestId, "--functions-grpc-max-message-length", maxMessage,
        ];
    }

    /// <summary>
    /// What those switches become in the worker's configuration. The worker reads them from the process's own command
    /// line, so a worker built inside a test process gets them as configuration instead.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> HostEndpointConfiguration(int port = 65535) =>
    [
        new("Functions:Worker:HostEndpoint", $"http://127.0.0.1:{port}/"),
        new("Functions:Worker:WorkerId", Guid.NewGuid().ToString()),
        new("Functions:Worker:RequestId", Guid.NewGuid().ToString()),
        new("Functions:Worker:GrpcMaxMessageLength", int.MaxValue.ToString()),
    ];

    /// <summary><c>local.settings.sample.json</c>'s <c>Values</c>, as <c>func start</c> would export them.</summary>
    public static IReadOnlyDictionary<string, string> Sample()
    {
        var path = Path.Combine(RepositoryRoot.Path, "local.settings.sample.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }

    /// <summary>
    /// The least a deployed app has: identity-based storage (no connection string anywhere), the queue and table
    /// names, Application Insights over Entra ID, and the secrets the Key Vault references resolved to.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ProductionLike()
    {
        var clientId = "8d1f4c1e-2b7a-4f0e-9a51-3c2f5b7d9e10";
        return new Dictionary<string, string>
        {
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["AzureWebJobsStorage__accountName"] = "stpipelineprod",
            ["AzureWebJobsStorage__credential"] = "managedidentity",
            ["AzureWebJobsStorage__clientId"] = clientId,
            ["AZURE_CLIENT_ID"] = clientId,
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] =
                "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1/",
            ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = $"ClientId={clientId};Authorization=AAD",
            ["Pipeline__EventsQueue"] = "events",
            ["Pipeline__DeliveriesQueue"] = "deliveries",
            ["Pipeline__TablePrefix"] = "",
            // Resolved from @Microsoft.KeyVault(SecretUri=…/secrets/pipeline-api-key) and the like.
            ["Pipeline__ApiKeys"] = "resolved-api-key",
            ["Pipeline__OperatorKeys"] = "resolved-operator-key",
            ["Pipeline__Sources__Shopify__Shops__0__Domain"] = "example.myshopify.com",
            ["Pipeline__Sources__Shopify__Shops__0__Secrets"] = "resolved-shopify-secret",
            ["Pipeline__Sources__Stripe__Secrets"] = "whsec_resolved",
        };
    }

    /// <summary>App-setting names to configuration keys, as the environment-variable provider reads them.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> AsConfiguration(IReadOnlyDictionary<string, string> settings) =>
        settings.Select(kv => new KeyValuePair<string, string?>(kv.Key.Replace("__", ":"), kv.Value));
}
