using System.Collections.Concurrent;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Pipeline.Storage;

namespace Pipeline.IntegrationTests.Infrastructure;

/// <summary>
/// Storage clients that record every request the pipeline makes to the queue and table services (URL and body), so
/// a test can read what was written even after the queue message has been consumed and deleted.
/// </summary>
public sealed class StorageRequestTap
{
    private readonly ConcurrentQueue<string> _requests = new();

    /// <summary>Each request as <c>METHOD URL</c>, a new line, then the body as sent.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    public StorageClients Clients(string connectionString)
    {
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(new RecordingPolicy(this), HttpPipelinePosition.PerCall);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(new RecordingPolicy(this), HttpPipelinePosition.PerCall);
        return new StorageClients(new QueueServiceClient(connectionString, queueOptions), new TableServiceClient(connectionString, tableOptions));
    }

    private void Record(HttpMessage message)
    {
        var body = "";
        if (message.Request.Content is { } content)
        {
            using var buffer = new MemoryStream();
            content.WriteTo(buffer, default);
            body = Encoding.UTF8.GetString(buffer.ToArray());
        }
        _requests.Enqueue($"{message.Request.Method} {message.Request.Uri}\n{body}");
    }

    private sealed class RecordingPolicy(StorageRequestTap tap) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            tap.Record(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            tap.Record(message);
            return ProcessNextAsync(message, pipeline);
        }
    }
}
