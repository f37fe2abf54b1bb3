using Pipeline.Events;

namespace Pipeline.Destinations.Batching;

/// <summary>An event that passed its platform's checks, with the target it goes out under (test flag resolved).</summary>
public sealed record PreparedEvent(CanonicalEvent Event, DeliveryTarget Target)
{
    /// <summary>The (event, target) pair the request builders take.</summary>
    public (CanonicalEvent Event, DeliveryTarget Target) Row => (Event, Target);
}
