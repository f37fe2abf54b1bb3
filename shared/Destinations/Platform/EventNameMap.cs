using Pipeline.Events;

namespace Pipeline.Destinations.Platform;

/// <summary>
/// The one rule for a platform's event name: the target's configured name, else the platform's default for the
/// standard name, else the platform's fallback (GA4 makes one up; most platforms have none, and the event is skipped).
/// </summary>
public sealed class EventNameMap
{
    private readonly Dictionary<string, string> _defaults;
    private readonly Func<string, string>? _fallback;

    private EventNameMap(IEnumerable<(string Standard, string Platform)> defaults, Func<string, string>? fallback)
    {
        _defaults = defaults.ToDictionary(d => d.Standard, d => d.Platform, StringComparer.Ordinal);
        _fallback = fallback;
    }

    /// <summary>A platform that calls these standard events by the standard names and has no others.</summary>
    public static EventNameMap SameNames(params string[] standard) => new(standard.Select(n => (n, n)), null);

    /// <summary>A platform with names of its own; <paramref name="fallback"/> names the events the map does not.</summary>
    public static EventNameMap Of(IEnumerable<(string Standard, string Platform)> defaults, Func<string, string>? fallback = null) =>
        new(defaults, fallback);

    /// <summary>The standard names with a default.</summary>
    public IReadOnlyDictionary<string, string> Defaults => _defaults;

    /// <returns>The name to send, or null when the platform has no such event (skipped, not failed).</returns>
    public string? Resolve(CanonicalEvent evt, DeliveryTarget target) => For(evt.EventName, target.EventName);

    /// <summary>The target's mapped name when it has one, else the default, else the fallback's; null when none applies.</summary>
    public string? For(string standardName, string? mappedName = null) =>
        !string.IsNullOrWhiteSpace(mappedName) ? mappedName
        : _defaults.TryGetValue(standardName, out var name) ? name
        : _fallback?.Invoke(standardName);
}
