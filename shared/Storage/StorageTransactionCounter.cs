using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Pipeline.Storage;

/// <summary>
/// Counts storage transactions (each HTTP request to the queue or table service, retries included, as billed) by
/// service and method, so cost per hit and per conversion is measured rather than guessed.
/// </summary>
public sealed class StorageTransactionCounter
{
    // A counter per key, bumped with Interlocked: it runs on every storage request of the host, and an
    // AddOrUpdate per request showed as lock contention in the collector's profile.
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);

    /// <summary>A pipeline policy that counts the requests of one service (<c>queue</c> or <c>table</c>).</summary>
    public HttpPipelinePolicy Policy(string service) => new CountingPolicy(this, service);

    /// <summary>Counts so far, keyed <c>{service} {METHOD}</c> (e.g. <c>table POST</c>, <c>queue GET</c>).</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        _counts.Where(kv => Volatile.Read(ref kv.Value.Value) > 0).ToDictionary(kv => kv.Key, kv => Volatile.Read(ref kv.Value.Value));

    public long Total => _counts.Values.Sum(n => Volatile.Read(ref n.Value));

    public void Reset()
    {
        foreach (var n in _counts.Values) Interlocked.Exchange(ref n.Value, 0);
    }

    private void Count(string key) => Interlocked.Increment(ref _counts.GetOrAdd(key, static _ => new StrongBox<long>()).Value);

    private sealed class CountingPolicy(StorageTransactionCounter counter, string service) : HttpPipelinePolicy
    {
        // The key of each method, built once per method rather than per request.
        private readonly ConcurrentDictionary<RequestMethod, string> _keys = new();

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            counter.Count(Key(message));
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            counter.Count(Key(message));
            return ProcessNextAsync(message, pipeline);
        }

        private string Key(HttpMessage message) => _keys.GetOrAdd(message.Request.Method, static (m, s) => $"{s} {m}", service);
    }
}
