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

    /// <summary>The problems with these settings, empty when there are none.</summary>
    public IEnumerable<string> Problems()
    {
        if (BatchLinger < TimeSpan.Zero || BatchLinger > TimeSpan.FromSeconds(5))
            yield return "Pipeline:Delivery:BatchLinger must be between 0 and 5 s";
    }
}
