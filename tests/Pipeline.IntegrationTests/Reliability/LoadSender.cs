using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Pipeline.IntegrationTests.Reliability;

/// <summary>
/// Sends signed Shopify orders with bounded concurrency and, like Shopify, retries a delivery that got no 2xx
/// (a 503, a 409 while another copy still holds the claim, a refused connection) until a deadline. Records answers and per-order accept latency.
/// </summary>
public sealed class LoadSender(HttpClient http)
{
    private readonly ConcurrentDictionary<string, TimeSpan> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private int _connectionFailures;

    /// <summary>Accepted event ids with the time from first send to the 2xx.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Accepted => _accepted;

    /// <summary>Answers by status (every attempt).</summary>
    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    public int ConnectionFailures => _connectionFailures;

    /// <summary>Called after each accepted order (e.g. to crash the host halfway).</summary>
    public Action<int>? OnAccepted { get; set; }

    /// <summary>
    /// Sends orders <paramref name="firstOrderId"/>… <paramref name="count"/> of them, <paramref name="concurrency"/>
    /// at a time; each is retried (<paramref name="retryDelay"/> apart) until accepted or <paramref name="giveUpAfter"/>.
    /// </summary>
    public async Task SendAsync(long firstOrderId, int count, int concurrency, TimeSpan giveUpAfter, TimeSpan retryDelay,
        TimeSpan? pacing = null, CancellationToken ct = default)
    {
        var next = -1;
        var started = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                if (pacing is { } gap)
                {
                    var due = gap * i;
                    if (due > started.Elapsed) await Task.Delay(due - started.Elapsed, ct);
                }
                await SendOneAsync(firstOrderId + i, giveUpAfter, retryDelay, ct);
            }
        });
        await Task.WhenAll(workers);
    }

    private async Task SendOneAsync(long orderId, TimeSpan giveUpAfter, TimeSpan retryDelay, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.SendAsync(ShopifyOrders.Request(orderId, DateTimeOffset.UtcNow), ct);
                _statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    _accepted[ShopifyOrders.EventId(orderId)] = clock.Elapsed;
                    OnAccepted?.Invoke(_accepted.Count);
                    return;
                }
                // A 409 means a copy (here: one a killed host was accepting) still holds the claim: retry, as Shopify does.
                if (response.StatusCode != HttpStatusCode.Conflict && (int)response.StatusCode < 500) return;
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _connectionFailures);
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref _connectionFailures);
            }
            if (clock.Elapsed > giveUpAfter) return;
            await Task.Delay(retryDelay, ct);
        }
    }
}
