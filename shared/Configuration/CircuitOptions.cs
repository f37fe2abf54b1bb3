namespace Pipeline.Configuration;

/// <summary>The per-destination circuit breaker that pauses a destination whose credentials were rejected.</summary>
public sealed class CircuitOptions
{
    /// <summary>Wait after the circuit opens before the first probe delivery is tried.</summary>
    public TimeSpan InitialProbeInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Ceiling of the probe interval, which doubles after every probe the platform rejects again.</summary>
    public TimeSpan MaxProbeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a claimed probe holds the other deliveries back. Longer than one platform call, so two probes never
    /// overlap; short, because deliveries held while the probe runs wait this long after the circuit closes.
    /// </summary>
    public TimeSpan ProbeLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a destination last seen closed is trusted without reading its circuit row again.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(10);
}
