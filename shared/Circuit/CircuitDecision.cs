namespace Pipeline.Circuit;

/// <summary>What to do with one delivery, given its destination's circuit.</summary>
public enum CircuitGate
{
    /// <summary>Circuit closed: send as usual.</summary>
    Send,
    /// <summary>Circuit open and this delivery claimed the probe: send it, its outcome opens or closes the circuit.</summary>
    Probe,
    /// <summary>Circuit open: do not send, re-enqueue for the next probe time.</summary>
    Hold,
}

/// <summary>The gate for one delivery; for <see cref="CircuitGate.Hold"/>, until when and why.</summary>
public sealed record CircuitDecision(CircuitGate Gate, DateTimeOffset? HoldUntil = null, string? Reason = null)
{
    public static readonly CircuitDecision Send = new(CircuitGate.Send);
    public static readonly CircuitDecision Probe = new(CircuitGate.Probe);
}
