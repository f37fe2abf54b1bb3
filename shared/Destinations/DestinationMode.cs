namespace Pipeline.Destinations;

/// <summary>What a destination does with an event (<c>Pipeline__Destinations__N__Mode</c>).</summary>
public enum DestinationMode
{
    /// <summary>Send to the platform for real (test orders still go to its test mode).</summary>
    Live,
    /// <summary>Send everything to the platform's test mode only.</summary>
    Test,
    /// <summary>Record the request the platform would get in the outbox table; call nothing.</summary>
    Outbox,
}

/// <summary>Reads <see cref="DestinationMode"/> from its setting.</summary>
public static class DestinationModes
{
    /// <summary>The mode named by <paramref name="value"/> (case-insensitive; empty = live), or null when unknown.</summary>
    public static DestinationMode? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "live" => DestinationMode.Live,
        "test" => DestinationMode.Test,
        "outbox" => DestinationMode.Outbox,
        _ => null,
    };

    /// <summary>True when this delivery may only reach the platform's test mode.</summary>
    public static bool IsTest(DestinationMode mode, DeliveryRequest request) =>
        mode == DestinationMode.Test || request.Target.Test || request.Event.Test;
}
