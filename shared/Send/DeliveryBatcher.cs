using Pipeline.Configuration;
using Pipeline.Destinations;

namespace Pipeline.Send;

/// <summary>
/// Gathers the events bound for one destination, from every concurrent send of this instance, into one platform
/// request. Each send has already taken the lease on its own ledger row and waits here for its own outcome, so what a
/// batch does to one event (delivered, retried, dead) is recorded for that event alone. A batch leaves when it holds
/// the platform's limit or <see cref="DeliveryOptions.BatchLinger"/> after its first event (docs/destinations.md).
/// </summary>
public sealed class DeliveryBatcher(PipelineOptions options, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Destination, string Key), Batch> _open = new();

    /// <param name="alone">Send without waiting for company (a circuit breaker's probe must be one event).</param>
    public Task<DeliveryOutcome> DeliverAsync(IDestination destination, DeliveryRequest request, bool alone, CancellationToken ct)
    {
        var linger = options.Delivery.BatchLinger;
        if (alone || destination is not IBatchDestination batched || batched.MaxBatchSize <= 1 || linger <= TimeSpan.Zero)
            return destination.DeliverAsync(request, ct);

        var key = (destination.Id, batched.BatchKey(request));
        var waiting = new Waiting(request, ct);
        Batch? full = null;
        Batch? opened = null;
        lock (_gate)
        {
            if (!_open.TryGetValue(key, out var batch))
            {
                batch = new Batch(batched);
                _open[key] = batch;
                opened = batch;
            }
            batch.Items.Add(waiting);
            if (batch.Items.Count >= batched.MaxBatchSize)
            {
                _open.Remove(key);
                full = batch;
            }
        }
        if (full is not null) _ = SendAsync(full);
        else if (opened is not null) _ = SendAfterLingerAsync(key, opened, linger);
        return waiting.Outcome.Task;
    }

    private async Task SendAfterLingerAsync((string, string) key, Batch batch, TimeSpan linger)
    {
        await Task.Delay(linger, time);
        lock (_gate)
        {
            // Already sent because it filled up.
            if (!_open.TryGetValue(key, out var open) || !ReferenceEquals(open, batch)) return;
            _open.Remove(key);
        }
        await SendAsync(batch);
    }

    private static async Task SendAsync(Batch batch)
    {
        var items = batch.Items;
        try
        {
            // Every send of this instance shares the host's stopping token, so the first one's stands for all.
            var outcomes = await batch.Destination.DeliverBatchAsync(items.Select(i => i.Request).ToList(), items[0].Cancellation);
            if (outcomes.Count != items.Count)
                throw new InvalidOperationException($"{batch.Destination.Id} answered {outcomes.Count} outcomes for {items.Count} events");
            for (var i = 0; i < items.Count; i++) items[i].Outcome.TrySetResult(outcomes[i]);
        }
        catch (Exception e)
        {
            foreach (var item in items) item.Outcome.TrySetException(e);
        }
    }

    private sealed class Batch(IBatchDestination destination)
    {
        public IBatchDestination Destination { get; } = destination;
        public List<Waiting> Items { get; } = [];
    }

    private sealed class Waiting(DeliveryRequest request, CancellationToken cancellation)
    {
        public DeliveryRequest Request { get; } = request;
        public CancellationToken Cancellation { get; } = cancellation;
        public TaskCompletionSource<DeliveryOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
