using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Pipeline.Ledger;
using Pipeline.Storage;

namespace Pipeline.IntegrationTests.Reliability;

/// <summary>Reads a host's queues and tables straight from storage (the host may be another process, or dead).</summary>
public sealed class PipelineStorage(string connectionString, string prefix)
{
    public string Prefix { get; } = prefix;
    public string TablePrefix => Prefix.Replace("-", "");
    public string EventsQueue => $"{Prefix}-events";
    public string DeliveriesQueue => $"{Prefix}-deliveries";

    /// <summary>The queue trigger's polling ceiling and retry delay these hosts run with.</summary>
    public TimeSpan MaxPollingInterval { get; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan VisibilityTimeout { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Settings that give a host these names on this storage.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["AzureWebJobsStorage"] = connectionString,
        ["Pipeline:EventsQueue"] = EventsQueue,
        ["Pipeline:DeliveriesQueue"] = DeliveriesQueue,
        ["Pipeline:TablePrefix"] = TablePrefix,
        ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = MaxPollingInterval.ToString("c"),
        ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = VisibilityTimeout.ToString("c"),
    };

    public static PipelineStorage Fresh(string connectionString) => new(connectionString, "r" + Guid.NewGuid().ToString("N")[..10]);

    private QueueClient Queue(string name) => new(connectionString, name);

    /// <summary>Messages on the events and deliveries queues, visible or leased, and how many of them are visible.</summary>
    public async Task<(int Total, int Visible)> QueuedAsync()
    {
        var (total, visible) = (0, 0);
        foreach (var name in new[] { EventsQueue, DeliveriesQueue })
        {
            var queue = Queue(name);
            if (!await queue.ExistsAsync()) continue;
            total += (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            visible += (await queue.PeekMessagesAsync(32)).Value.Length;
        }
        return (total, visible);
    }

    /// <summary>Messages on every queue of this host, poison queues included.</summary>
    public async Task<int> AllQueuedAsync()
    {
        var total = 0;
        foreach (var name in new[] { EventsQueue, DeliveriesQueue, EventsQueue + "-poison", DeliveriesQueue + "-poison" })
        {
            var queue = Queue(name);
            if (await queue.ExistsAsync()) total += (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        }
        return total;
    }

    /// <summary>Rows in one of the host's tables (0 when it does not exist).</summary>
    public async Task<int> RowCountAsync(string table)
    {
        var client = new TableClient(connectionString, TablePrefix + table);
        var count = 0;
        try
        {
            await foreach (var _ in client.QueryAsync<TableEntity>(select: ["PartitionKey"])) count++;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
        return count;
    }

    /// <summary>The ledger's state for an event at a destination, or null.</summary>
    public async Task<string?> LedgerStateAsync(string eventId, string destination)
    {
        var row = await new TableClient(connectionString, TablePrefix + "ledger")
            .GetEntityIfExistsAsync<TableEntity>(TableKeys.Encode(eventId), TableKeys.Encode(destination));
        return row.HasValue ? row.Value!.GetString("State") : null;
    }

    /// <summary>
    /// Every ledger row of these events, one line each (state, attempts, lease, reason, error): what a scenario that
    /// timed out prints about the events it still waits for.
    /// </summary>
    public async Task<string> DescribeLedgerAsync(IEnumerable<string> eventIds)
    {
        var table = new TableClient(connectionString, TablePrefix + "ledger");
        var lines = new List<string>();
        foreach (var id in eventIds)
        {
            var rows = new List<string>();
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == TableKeys.Encode(id)))
                rows.Add($"{row.RowKey}={row.GetString("State")} attempts={row.GetInt32("Attempts")} " +
                    $"leaseUntil={row.GetDateTimeOffset("LeaseUntil")?.ToString("HH:mm:ss.f") ?? "-"} updated={row.Timestamp?.ToString("HH:mm:ss.f")} " +
                    $"next={row.GetDateTimeOffset("NextAttemptAt")?.ToString("HH:mm:ss.f") ?? "-"} error={row.GetString("LastError")}");
            lines.Add($"{id}: {(rows.Count == 0 ? "no rows" : string.Join(" | ", rows))}");
        }
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>True when a ledger row of one of these events is held by a live lease (<c>sending</c>, <c>matching</c>).</summary>
    public async Task<bool> AnyLeaseHeldAsync(IEnumerable<string> eventIds)
    {
        var table = new TableClient(connectionString, TablePrefix + "ledger");
        var now = DateTimeOffset.UtcNow;
        foreach (var id in eventIds)
        {
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == TableKeys.Encode(id)))
                if (DeliveryState.IsLeased(row.GetString("State")) && row.GetDateTimeOffset("LeaseUntil") > now) return true;
        }
        return false;
    }

    /// <summary>How many of these event × destination pairs the ledger records in <paramref name="state"/>.</summary>
    public async Task<int> LedgerCountAsync(IEnumerable<string> eventIds, IEnumerable<string> destinations, string state)
    {
        var count = 0;
        foreach (var id in eventIds)
        {
            foreach (var destination in destinations)
            {
                if (await LedgerStateAsync(id, destination) == state) count++;
            }
        }
        return count;
    }
}
