using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Pipeline.Storage;

/// <summary>
/// Counts storage transactions (each HTTP request to the queue or table service, retries included, as billed) by
/// service and method, so cost per hit and per conversion is measured rather than guessed.
/// </summary>
public sealed class StorageTransactionCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>A pipeline policy that counts the requests of one service (<c>queue</c> or <c>table</c>).</summary>
    public HttpPipelinePolicy Policy(string service) => new CountingPolicy(this, service);

    /// <summary>Counts so far, keyed <c>{service} {METHOD}</c> (e.g. <c>table POST</c>, <c>queue GET</c>).</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts);

    public long Total => _counts.Values.Sum();

    public void Reset() => _counts.Clear();

    private void Count(string service, HttpMessage message) =>
        _counts.AddOrUpdate($"{service} {message.Request.Method}", 1, (_, n) => n + 1);

    private sealed class CountingPolicy(StorageTransactionCounter counter, string service) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            counter.Count(service, message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            counter.Count(service, message);
            return ProcessNextAsync(message, pipeline);
        }
    }
}
