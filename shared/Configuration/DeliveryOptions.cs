namespace Pipeline.Configuration;

/// <summary>How the sender gathers events bound for one destination into one platform request (docs/destinations.md).</summary>
public sealed class DeliveryOptions
{
    /// <summary>
    /// The longest an event waits for others to join its batch. A batch leaves as soon as every send that was on its
    /// way to the destination when it opened has joined (at once when none was), when it is full (the platform's
    /// limit), or this long after its first event, whichever comes first; zero sends every event on its own.
    /// </summary>
    public TimeSpan BatchLinger { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How many sends must be on their way to a destination when a batch opens for it to count as a burst; a burst's
    /// batch also waits for sends that start after it opened, up to <see cref="BurstLinger"/>.
    /// </summary>
    public int BurstSends { get; set; } = 16;

    /// <summary>The longest an event waits for company in a burst, when events are queued faster than they are sent.</summary>
    public TimeSpan BurstLinger { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The problems with these settings, empty when there are none.</summary>
    public IEnumerable<string> Problems()
    {
        if (BatchLinger < TimeSpan.Zero || BatchLinger > TimeSpan.FromSeconds(5))
            yield return "Pipeline:Delivery:BatchLinger must be between 0 and 5 s";
        if (BurstLinger < BatchLinger || BurstLinger > TimeSpan.FromSeconds(10))
            yield return "Pipeline:Delivery:BurstLinger must be between BatchLinger and 10 s";
        if (BurstSends < 2)
            yield return "Pipeline:Delivery:BurstSends must be at least 2";
    }
}
