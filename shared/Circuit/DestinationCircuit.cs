namespace Pipeline.Circuit;

/// <summary>
/// The circuit breaker of one destination. Open = paused: deliveries wait for the next probe instead of being sent.
/// A closed row keeps the last open period's reason and times for the status page.
/// </summary>
public sealed record DestinationCircuit
{
    public const string Closed = "closed";
    public const string Open = "open";

    public required string Destination { get; init; }
    public string State { get; init; } = Closed;

    /// <summary>When the circuit last opened.</summary>
    public DateTimeOffset? OpenedAt { get; init; }

    /// <summary>When the circuit last closed (a probe was delivered).</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The platform's answer that opened it, or that the last probe got. Never PII.</summary>
    public string? Reason { get; init; }

    /// <summary>While open: no delivery is sent before this time; the first one after it is the probe.</summary>
    public DateTimeOffset? NextProbeAt { get; init; }

    /// <summary>While open: the wait after a rejected probe; doubles up to the configured ceiling.</summary>
    public TimeSpan ProbeInterval { get; init; }

    /// <summary>Probes started since the circuit last opened.</summary>
    public int Probes { get; init; }

    public bool IsOpen => State == Open;
}
