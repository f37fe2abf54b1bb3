namespace Pipeline.Send;

/// <summary>
/// A hand-off's announcement to the <see cref="DeliveryBatcher"/> that it may send to some destinations soon, so the
/// batches open for them wait for it. Settle each destination as soon as it is known not to be sent to; disposing
/// settles the rest, so a hand-off that fails or defers never holds a batch back beyond that.
/// </summary>
public sealed class BatchTicket : IDisposable
{
    private readonly DeliveryBatcher _batcher;

    internal BatchTicket(DeliveryBatcher batcher, IEnumerable<string> destinations)
    {
        _batcher = batcher;
        Pending = new HashSet<string>(destinations, StringComparer.Ordinal);
    }

    /// <summary>Destinations announced and not yet settled (guarded by the batcher's lock).</summary>
    internal HashSet<string> Pending { get; }

    /// <summary>This hand-off will not send to <paramref name="destination"/> (or already has).</summary>
    public void Settle(string destination) => _batcher.Settle(this, destination);

    /// <summary>Settles every destination not in <paramref name="sending"/>.</summary>
    public void SettleAllBut(IEnumerable<string> sending)
    {
        var keep = new HashSet<string>(sending, StringComparer.Ordinal);
        foreach (var destination in Snapshot().Where(d => !keep.Contains(d))) Settle(destination);
    }

    public void Dispose()
    {
        foreach (var destination in Snapshot()) Settle(destination);
    }

    private List<string> Snapshot() => _batcher.PendingOf(this);
}
