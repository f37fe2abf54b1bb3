using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pipeline.Configuration;
using Pipeline.Destinations;
using Pipeline.Telemetry;

namespace Pipeline.Circuit;

/// <summary>
/// Pauses a destination whose credentials the platform rejected (Meta 190, TikTok 40105, Google 401 after refresh,
/// 403) so its queued deliveries wait instead of each burning its attempts; one probe delivery at a time tests
/// whether the credentials work again. Only the paused destination is affected.
/// </summary>
/// <remarks>
/// A destination seen closed is trusted for <see cref="CircuitOptions.CacheDuration"/> without a table read, so the
/// usual case (closed) costs nothing per message; an open circuit is always read fresh, so a close elsewhere is seen
/// at once and only one sender claims each probe. The price: for a few seconds after a circuit opens, other
/// instances still send, get the same auth failure and pause those deliveries too — nothing is lost or counted.
/// </remarks>
public sealed class CircuitBreaker(
    DestinationCircuitStore store,
    PipelineOptions options,
    DestinationRegistry destinations,
    PipelineMetrics metrics,
    TimeProvider time,
    ILogger<CircuitBreaker> logger)
{
    private const int MaxWriteRaces = 5;

    private readonly CircuitPolicy _policy = new(options.Circuit);
    private readonly ConcurrentDictionary<string, (DestinationCircuit? Circuit, DateTimeOffset ReadAt)> _cache = new(StringComparer.Ordinal);

    /// <summary>Whether a delivery to <paramref name="destination"/> is sent, held, or sent as the probe.</summary>
    public async Task<CircuitDecision> BeforeSendAsync(string destination, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(destination, out var cached) && cached.Circuit is not { IsOpen: true }
            && now - cached.ReadAt < options.Circuit.CacheDuration)
            return CircuitDecision.Send;

        for (var race = 0; race < MaxWriteRaces; race++)
        {
            var (circuit, etag) = await ReadAsync(destination, ct);
            now = time.GetUtcNow();
            var decision = _policy.Decide(circuit, now);
            if (decision.Gate != CircuitGate.Probe) return decision;

            var claimed = _policy.ClaimProbe(circuit!, now);
            if (await store.TryWriteAsync(claimed, etag, ct))
            {
                Remember(claimed);
                logger.LogInformation("Destination {Destination} paused: probe {Probe} claimed", destination, claimed.Probes);
                return CircuitDecision.Probe;
            }
        }
        // Others keep winning the claim, so a probe is under way: wait for its lease like every other delivery.
        return new CircuitDecision(CircuitGate.Hold, time.GetUtcNow() + options.Circuit.ProbeLease, "probe in progress");
    }

    /// <summary>
    /// Records how a delivery sent through <paramref name="gate"/> ended (<paramref name="outcome"/> null: it threw).
    /// Returns when the delivery may next be tried if the destination is now paused because of it, else null.
    /// </summary>
    public async Task<DateTimeOffset?> AfterSendAsync(string destination, CircuitGate gate, DeliveryOutcomeKind? outcome, string? detail, CancellationToken ct)
    {
        if (outcome == DeliveryOutcomeKind.AuthFailure) metrics.AuthFailure(destination);
        // The hot path: a delivery through a closed circuit that did not fail auth writes nothing.
        if (gate == CircuitGate.Send && outcome != DeliveryOutcomeKind.AuthFailure) return null;

        for (var race = 0; race < MaxWriteRaces; race++)
        {
            var (circuit, etag) = await ReadAsync(destination, ct);
            var now = time.GetUtcNow();
            var next = _policy.After(destination, circuit, gate, outcome, detail, now);
            if (next is null) return outcome == DeliveryOutcomeKind.AuthFailure ? PausedUntil(circuit, now) : null;
            if (!await store.TryWriteAsync(next, etag, ct)) continue;

            Remember(next);
            Log(circuit, next);
            return outcome == DeliveryOutcomeKind.AuthFailure ? PausedUntil(next, now) : null;
        }
        // Lost every race to other writers: the circuit moved on without us; pause for one probe lease to be safe.
        return outcome == DeliveryOutcomeKind.AuthFailure ? time.GetUtcNow() + options.Circuit.ProbeLease : null;
    }

    /// <summary>Every enabled destination's circuit (closed when it never paused), for the status page.</summary>
    public async Task<IReadOnlyList<DestinationCircuit>> ListAsync(CancellationToken ct)
    {
        var stored = (await store.ListAsync(ct)).ToDictionary(c => c.Destination, StringComparer.Ordinal);
        return destinations.Enabled
            .Select(d => stored.GetValueOrDefault(d.Options.Id) ?? new DestinationCircuit { Destination = d.Options.Id })
            .ToList();
    }

    /// <summary>True while <paramref name="destination"/> is paused by its circuit breaker.</summary>
    public async Task<bool> IsPausedAsync(string destination, CancellationToken ct) =>
        (await store.GetAsync(destination, ct)).Circuit is { IsOpen: true };

    private async Task<(DestinationCircuit? Circuit, Azure.ETag ETag)> ReadAsync(string destination, CancellationToken ct)
    {
        var read = await store.GetAsync(destination, ct);
        _cache[destination] = (read.Circuit, time.GetUtcNow());
        return read;
    }

    private void Remember(DestinationCircuit circuit) => _cache[circuit.Destination] = (circuit, time.GetUtcNow());

    private DateTimeOffset PausedUntil(DestinationCircuit? circuit, DateTimeOffset now) =>
        circuit is { IsOpen: true, NextProbeAt: { } next } && next > now ? next : now + options.Circuit.ProbeLease;

    private void Log(DestinationCircuit? before, DestinationCircuit after)
    {
        if (after.IsOpen && before is not { IsOpen: true })
        {
            metrics.CircuitOpened(after.Destination);
            logger.LogError("Destination {Destination} paused: credentials rejected ({Reason}); first probe at {NextProbeAt:o}",
                after.Destination, after.Reason, after.NextProbeAt);
        }
        else if (!after.IsOpen)
        {
            logger.LogWarning("Destination {Destination} resumed: the probe was delivered after {Probes} probe(s)", after.Destination, after.Probes);
        }
        else
        {
            logger.LogWarning("Destination {Destination} still paused ({Reason}); next probe at {NextProbeAt:o}",
                after.Destination, after.Reason, after.NextProbeAt);
        }
    }
}
