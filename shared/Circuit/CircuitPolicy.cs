using Pipeline.Configuration;
using Pipeline.Destinations;

namespace Pipeline.Circuit;

/// <summary>
/// The circuit breaker's rules, as values in and values out: when a delivery is sent, held or used as the probe,
/// and how each outcome moves the circuit. The I/O (table row, ETags, cache) is <see cref="CircuitBreaker"/>'s.
/// </summary>
public sealed class CircuitPolicy(CircuitOptions options)
{
    public CircuitDecision Decide(DestinationCircuit? circuit, DateTimeOffset now)
    {
        if (circuit is not { IsOpen: true }) return CircuitDecision.Send;
        if (circuit.NextProbeAt is { } next && now < next) return new CircuitDecision(CircuitGate.Hold, next, circuit.Reason);
        return CircuitDecision.Probe;
    }

    /// <summary>The row a delivery writes (ETag-conditionally) to become the one probe: the others hold until the lease ends.</summary>
    public DestinationCircuit ClaimProbe(DestinationCircuit open, DateTimeOffset now) =>
        open with { NextProbeAt = now + options.ProbeLease, Probes = open.Probes + 1 };

    /// <summary>
    /// The circuit after a delivery sent through <paramref name="gate"/> ended with <paramref name="outcome"/>
    /// (null: it threw); null when the circuit does not change.
    /// </summary>
    public DestinationCircuit? After(string destination, DestinationCircuit? circuit, CircuitGate gate, DeliveryOutcomeKind? outcome, string? detail, DateTimeOffset now)
    {
        var open = circuit is { IsOpen: true };
        if (gate == CircuitGate.Send || !open)
        {
            // Only a closed circuit opens: an auth failure from a send that raced an opening changes nothing.
            if (outcome != DeliveryOutcomeKind.AuthFailure || open) return null;
            return new DestinationCircuit
            {
                Destination = destination,
                State = DestinationCircuit.Open,
                OpenedAt = now,
                ClosedAt = circuit?.ClosedAt,
                Reason = detail,
                ProbeInterval = options.InitialProbeInterval,
                NextProbeAt = now + options.InitialProbeInterval,
                Probes = 0,
            };
        }

        switch (outcome)
        {
            case DeliveryOutcomeKind.Delivered:
                return circuit! with { State = DestinationCircuit.Closed, ClosedAt = now, NextProbeAt = null };
            case DeliveryOutcomeKind.AuthFailure:
                var interval = Longer(circuit!.ProbeInterval);
                return circuit with { Reason = detail, ProbeInterval = interval, NextProbeAt = now + interval };
            default:
                // A transient error, a rejected event or a crash says nothing about the credentials: probe again
                // soon, without lengthening the interval.
                return circuit! with { NextProbeAt = now + options.InitialProbeInterval };
        }
    }

    private TimeSpan Longer(TimeSpan interval)
    {
        var doubled = interval <= TimeSpan.Zero ? options.InitialProbeInterval : interval * 2;
        return doubled > options.MaxProbeInterval ? options.MaxProbeInterval : doubled;
    }
}
