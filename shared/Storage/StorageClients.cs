using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Pipeline.Storage;

/// <summary>
/// Builds the storage clients in one place, from the same <c>AzureWebJobsStorage</c> setting the queue triggers use:
/// a connection string (Azurite, local) or identity-based <c>AzureWebJobsStorage__accountName</c> /
/// <c>__queueServiceUri</c> / <c>__tableServiceUri</c> with <see cref="DefaultAzureCredential"/> (managed identity in Azure).
/// </summary>
public sealed class StorageClients
{
    public const string ConnectionSetting = "AzureWebJobsStorage";

    public QueueServiceClient Queues { get; }
    public TableServiceClient Tables { get; }

    public StorageClients(QueueServiceClient queues, TableServiceClient tables)
    {
        Queues = queues;
        Tables = tables;
    }

    public static StorageClients FromConfiguration(IConfiguration configuration, StorageTransactionCounter? counter = null)
    {
        // Base64 everywhere: the queue trigger decodes Base64, QueueClient's default is none.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var tableOptions = new TableClientOptions();
        if (counter is not null)
        {
            queueOptions.AddPolicy(counter.Policy("queue"), HttpPipelinePosition.PerRetry);
            tableOptions.AddPolicy(counter.Policy("table"), HttpPipelinePosition.PerRetry);
        }
        var connectionString = configuration[ConnectionSetting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageClients(
                new QueueServiceClient(connectionString, queueOptions),
                new TableServiceClient(connectionString, tableOptions));
        }

        var section = configuration.GetSection(ConnectionSetting);
        var account = section["accountName"];
        var queueUri = section["queueServiceUri"] ?? (account is null ? null : $"https://{account}.queue.core.windows.net");
        var tableUri = section["tableServiceUri"] ?? (account is null ? null : $"https://{account}.table.core.windows.net");
        if (queueUri is null || tableUri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {ConnectionSetting} (a connection string) or {ConnectionSetting}__accountName.");
        }

        var credential = Credential(section["clientId"]);
        return new StorageClients(
            new QueueServiceClient(new Uri(queueUri), credential, queueOptions),
            new TableServiceClient(new Uri(tableUri), credential, tableOptions));
    }

    private static TokenCredential Credential(string? userAssignedClientId) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = userAssignedClientId });
}
