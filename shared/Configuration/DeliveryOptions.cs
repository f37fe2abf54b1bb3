namespace Pipeline.Configuration;

/// <summary>How the sender gathers events bound for one destination into one platform request (docs/destinations.md).</summary>
public sealed class DeliveryOptions
{
    /// <summary>
    /// The longest an event waits for others to join its batch. A batch leaves as soon as it is full (the platform's
    /// limit) or this long after its first event, whichever comes first; zero sends every event on its own.
    /// </summary>
    public TimeSpan BatchLinger { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The problems with these settings, empty when there are none.</summary>
    public IEnumerable<string> Problems()
    {
        if (BatchLinger < TimeSpan.Zero || BatchLinger > TimeSpan.FromSeconds(5))
            yield return "Pipeline:Delivery:BatchLinger must be between 0 and 5 s";
    }
}
