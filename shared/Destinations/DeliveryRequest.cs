using Pipeline.Events;

namespace Pipeline.Destinations;

/// <summary>What a destination needs to deliver one event.</summary>
/// <param name="Event">The matched event.</param>
/// <param name="Target">The destination and the limits consent puts on it.</param>
/// <param name="Attempt">1 for the first try.</param>
public sealed record DeliveryRequest(CanonicalEvent Event, DeliveryTarget Target, int Attempt);
