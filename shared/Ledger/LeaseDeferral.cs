namespace Pipeline.Ledger;

/// <summary>
/// When a copy that found its row held by another worker (a hand-off's <c>~match</c>, a send's event × destination)
/// looks again: once the lease ends, plus a margin for clock skew between workers, but never later than
/// <see cref="MaxWait"/>. The holder records its outcome as soon as its slowest destination answered, long before a
/// 2-minute lease ends; waiting the whole lease out would keep the copy (and anything waiting for the queues to
/// empty) hidden for up to 2 minutes for nothing. Each look costs one queue message and one partition read.
/// </summary>
public static class LeaseDeferral
{
    /// <summary>Added to the lease's end: the holder's clock may run a little behind this worker's.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    /// <summary>The shortest wait (a lease that has just ended, or ends now).</summary>
    public static readonly TimeSpan MinWait = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait: a held row is looked at again at least this often. Part of the bound on delivery after a storage outage (RELIABILITY.md).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    /// <summary>How long a copy that found the row held until <paramref name="heldUntil"/> waits before it looks again.</summary>
    public static TimeSpan Delay(DateTimeOffset heldUntil, DateTimeOffset now)
    {
        var delay = heldUntil - now + Margin;
        if (delay < MinWait) return MinWait;
        return delay > MaxWait ? MaxWait : delay;
    }
}
