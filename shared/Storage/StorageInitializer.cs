using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Pipeline.Storage;

/// <summary>Creates every queue and table on start, so triggers never poll a missing queue.</summary>
public sealed class StorageInitializer(StorageClients clients, QueueNames queues, TableNames tables, ILogger<StorageInitializer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in queues.All)
            await clients.Queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var table in tables.All)
            await clients.Tables.GetTableClient(table).CreateIfNotExistsAsync(cancellationToken);
        logger.LogInformation("Storage ready: {QueueCount} queues, {TableCount} tables", queues.All.Count(), tables.All.Count());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
