using Azure.Storage.Queues;

namespace Pipeline.Storage;

/// <summary>Sends messages to the pipeline's queues (Base64-encoded, as the triggers expect).</summary>
public sealed class PipelineQueues(StorageClients clients, QueueNames names)
{
    /// <summary>Largest message body we put on a queue: 64 KiB encoded is about 48 KiB of JSON.</summary>
    public const int MaxMessageBytes = 48 * 1024;

    public QueueClient Events => clients.Queues.GetQueueClient(names.Events);
    public QueueClient Deliveries => clients.Queues.GetQueueClient(names.Deliveries);

    public Task SendEventAsync(string json, CancellationToken ct) => SendAsync(Events, json, null, ct);

    public Task SendDeliveryAsync(string json, TimeSpan? delay, CancellationToken ct) => SendAsync(Deliveries, json, delay, ct);

    private static async Task SendAsync(QueueClient queue, string json, TimeSpan? delay, CancellationToken ct)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(json) > MaxMessageBytes)
            throw new InvalidOperationException($"Queue message of {json.Length} characters exceeds {MaxMessageBytes} bytes.");
        // A message never expires on its own: losing a conversion silently is worse than keeping it.
        await queue.SendMessageAsync(json, visibilityTimeout: delay, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: ct);
    }
}
