using Pipeline.Events;

namespace Pipeline.Destinations;

/// <summary>The one rule for a platform's event name: the target's configured name, else the platform's default map.</summary>
public static class PlatformEventNames
{
    /// <returns>The name to send, or null when the platform has no such event (skipped, not failed).</returns>
    public static string? Resolve(CanonicalEvent evt, DeliveryTarget target, IReadOnlyDictionary<string, string> defaults) =>
        !string.IsNullOrWhiteSpace(target.EventName) ? target.EventName
        : defaults.TryGetValue(evt.EventName, out var name) ? name
        : null;
}
