using Pipeline.Configuration;
using Pipeline.Destinations;

namespace Pipeline.Send;

/// <summary>
/// Gathers the events bound for one destination, from every concurrent send of this instance, into one platform
/// request. Each send has already taken the lease on its own ledger row and waits here for its own outcome, so what a
/// batch does to one event (delivered, retried, dead) is recorded for that event alone.
/// <para>
/// A batch waits for the sends that are on their way: every hand-off announces the destinations it may send to when
/// it starts matching (<see cref="Expect"/>), and a batch leaves as soon as every send announced when it opened has
/// joined it (or another batch) or dropped out, when it holds the platform's limit, or at the latest
/// <see cref="DeliveryOptions.BatchLinger"/> after its first event. A lone event waits for nobody.
/// </para>
/// <para>
/// In a burst (at least <see cref="DeliveryOptions.BurstSends"/> sends on their way when the batch opened, or a batch
/// at least that big left within the burst linger) a batch
/// also waits for the sends that start after it opened, while any is on its way, up to
/// <see cref="DeliveryOptions.BurstLinger"/>: events are then waiting in the queue anyway, and what counts is how
/// few requests the platform receives (docs/destinations.md).
/// </para>
/// </summary>
public sealed class DeliveryBatcher(PipelineOptions options, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Destination, string Key), Batch> _open = new();
    private readonly Dictionary<string, int> _onTheirWay = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastBurstBatch = new(StringComparer.Ordinal);

    /// <summary>
    /// Announces that a hand-off may send to <paramref name="destinations"/> soon. Each announced destination is
    /// settled when the send joins a batch, when the hand-off decides not to send there
    /// (<see cref="BatchTicket.Settle"/>), or when the ticket is disposed.
    /// </summary>
    public BatchTicket Expect(IEnumerable<string> destinations)
    {
        var ticket = new BatchTicket(this, destinations);
        lock (_gate)
        {
            foreach (var destination in ticket.Pending) _onTheirWay[destination] = _onTheirWay.GetValueOrDefault(destination) + 1;
        }
        return ticket;
    }

    /// <param name="alone">Send without waiting for company (a circuit breaker's probe must be one event).</param>
    /// <param name="ticket">The hand-off's announcement, settled for this destination as the event joins.</param>
    public Task<DeliveryOutcome> DeliverAsync(IDestination destination, DeliveryRequest request, bool alone, CancellationToken ct, BatchTicket? ticket = null)
    {
        var linger = options.Delivery.BatchLinger;
        if (alone || destination is not IBatchDestination batched || batched.MaxBatchSize <= 1 || linger <= TimeSpan.Zero)
        {
            ticket?.Settle(destination.Id);
            return destination.DeliverAsync(request, ct);
        }

        var key = (destination.Id, batched.BatchKey(request));
        var waiting = new Waiting(request, ct);
        Batch? full = null;
        Batch? opened = null;
        lock (_gate)
        {
            if (ticket is not null) SettleLocked(ticket, destination.Id);
            if (!_open.TryGetValue(key, out var batch))
            {
                // Wait for the sends to this destination announced before now (in a burst, for later ones too).
                var onTheirWay = _onTheirWay.GetValueOrDefault(destination.Id);
                // A burst goes on while its batches keep leaving big: the sends that refill the instance after one
                // left arrive a few at a time, and should meet in the next big batch rather than in small ones.
                var burstGoesOn = _lastBurstBatch.TryGetValue(destination.Id, out var last) && time.GetUtcNow() - last < options.Delivery.BurstLinger;
                batch = new Batch(batched, onTheirWay, burst: onTheirWay >= options.Delivery.BurstSends || burstGoesOn);
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
        else if (opened is not null) _ = SendWhenReadyAsync(key, opened, opened.Burst ? options.Delivery.BurstLinger : linger);
        return waiting.Outcome.Task;
    }

    internal List<string> PendingOf(BatchTicket ticket)
    {
        lock (_gate) return ticket.Pending.ToList();
    }

    internal void Settle(BatchTicket ticket, string destination)
    {
        lock (_gate) SettleLocked(ticket, destination);
    }

    private void SettleLocked(BatchTicket ticket, string destination)
    {
        if (!ticket.Pending.Remove(destination)) return;
        _onTheirWay[destination] = _onTheirWay.GetValueOrDefault(destination) - 1;
        if (_onTheirWay[destination] <= 0) _onTheirWay.Remove(destination);
        var noneOnTheWay = !_onTheirWay.ContainsKey(destination);
        // Every batch of this destination opened while this send was on its way was waiting for it; a burst's batch
        // waits on while any send is on its way.
        foreach (var ((id, _), batch) in _open)
        {
            if (id != destination) continue;
            if (batch.AwaitedSends > 0) batch.AwaitedSends--;
            if (batch.AwaitedSends == 0 && (!batch.Burst || noneOnTheWay)) batch.Ready.TrySetResult();
        }
    }

    private async Task SendWhenReadyAsync((string, string) key, Batch batch, TimeSpan linger)
    {
        bool waits;
        // A burst's batch waits even with nobody on the way yet: the queue is feeding the instance, more are coming.
        lock (_gate) waits = batch.AwaitedSends > 0 || batch.Burst;
        if (waits)
        {
            using var timeout = new CancellationTokenSource();
            var lingered = Task.Delay(linger, time, timeout.Token);
            await Task.WhenAny(batch.Ready.Task, lingered);
            timeout.Cancel();
        }
        else
        {
            // Nobody is on the way: let the sends started in this same moment join, then go.
            await Task.Yield();
        }
        lock (_gate)
        {
            // Already sent because it filled up.
            if (!_open.TryGetValue(key, out var open) || !ReferenceEquals(open, batch)) return;
            _open.Remove(key);
            if (batch.Items.Count >= options.Delivery.BurstSends) _lastBurstBatch[key.Item1] = time.GetUtcNow();
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

    private sealed class Batch(IBatchDestination destination, int awaitedSends, bool burst)
    {
        /// <summary>Opened in a burst: waits for later sends too, up to the burst linger.</summary>
        public bool Burst { get; } = burst;
        public IBatchDestination Destination { get; } = destination;
        public List<Waiting> Items { get; } = [];

        /// <summary>Announced sends this batch still waits for.</summary>
        public int AwaitedSends { get; set; } = awaitedSends;

        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Waiting(DeliveryRequest request, CancellationToken cancellation)
    {
        public DeliveryRequest Request { get; } = request;
        public CancellationToken Cancellation { get; } = cancellation;
        public TaskCompletionSource<DeliveryOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
