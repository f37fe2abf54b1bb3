using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pipeline.Telemetry;

/// <summary>
/// The pipeline's one meter (<c>Pipeline</c>) and every instrument on it. Each method takes only bounded values
/// (destination ids, source and rule names, outcome and reason categories); anything else is reported as
/// <see cref="MetricTag.Other"/>, so no metric dimension can carry personal data.
/// </summary>
public sealed class PipelineMetrics
{
    public const string MeterName = "Pipeline";

    private readonly Counter<long> _eventsReceived;
    private readonly Counter<long> _matches;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _deliveryLatency;
    private readonly Counter<long> _authFailures;
    private readonly Counter<long> _identifierCoverage;
    private readonly Counter<long> _circuitOpen;

    public PipelineMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _eventsReceived = Meter.CreateCounter<long>("pipeline.events_received", "{event}",
            "Events accepted by an ingest path, by source.");
        _matches = Meter.CreateCounter<long>("pipeline.matches", "{event}",
            "Events handed from Match to Send, by the rule that joined them to a visitor.");
        _deliveries = Meter.CreateCounter<long>("pipeline.deliveries", "{delivery}",
            "Outcomes of delivery attempts, by destination and outcome (reason for skipped and dead).");
        _attempts = Meter.CreateCounter<long>("pipeline.attempts", "{attempt}",
            "Calls made to a destination's platform, by destination.");
        _deliveryLatency = Meter.CreateHistogram<double>("pipeline.delivery_latency", "s",
            "Time from the conversion (event time) to the platform accepting it, by destination.");
        _authFailures = Meter.CreateCounter<long>("pipeline.auth_failures", "{failure}",
            "Answers that said the destination's credentials were refused, by destination.");
        _identifierCoverage = Meter.CreateCounter<long>("pipeline.identifier_coverage", "{event}",
            "Events sent to a destination, by identifier and whether it was present: share = present / all.");
        _circuitOpen = Meter.CreateCounter<long>("pipeline.circuit_open", "{pause}",
            "Times a destination was paused after its credentials were refused, by destination.");
    }

    /// <summary>The meter itself, for listeners in tests.</summary>
    public Meter Meter { get; }

    /// <summary>An event was accepted by an ingest path (<c>browser</c>, <c>api</c>, <c>shopify</c>, <c>stripe</c>).</summary>
    public void EventReceived(string source, int count = 1) =>
        _eventsReceived.Add(count, new KeyValuePair<string, object?>("source", MetricTag.Bounded(source)));

    /// <summary>Match handed an event on; <paramref name="rule"/> is <c>visitor_id</c>, <c>click_id</c>, <c>identity</c> or <c>none</c>.</summary>
    public void Matched(string rule) =>
        _matches.Add(1, new KeyValuePair<string, object?>("rule", MetricTag.Bounded(rule)));

    /// <summary>
    /// A delivery reached an outcome: <c>delivered</c>, <c>retrying</c>, <c>failed</c>, <c>dead</c> or <c>skipped</c>
    /// (the values of <see cref="Ledger.DeliveryState"/>). <paramref name="reason"/> is a short category such as
    /// <c>consent</c>, <c>unmapped</c>, <c>expired</c>, <c>max_attempts</c>, <c>rejected</c>, never a message.
    /// </summary>
    public void Delivery(string destination, string outcome, string? reason = null)
    {
        var tags = new TagList
        {
            { "destination", MetricTag.Bounded(destination) },
            { "outcome", MetricTag.Bounded(outcome) },
        };
        if (reason is not null) tags.Add("reason", MetricTag.Bounded(reason));
        _deliveries.Add(1, tags);
    }

    /// <summary>One call to the destination's platform was made.</summary>
    public void Attempt(string destination) =>
        _attempts.Add(1, new KeyValuePair<string, object?>("destination", MetricTag.Bounded(destination)));

    /// <summary>Event time → delivered, recorded when the platform accepted the event.</summary>
    public void DeliveryLatency(string destination, TimeSpan latency) =>
        _deliveryLatency.Record(Math.Max(0, latency.TotalSeconds),
            new KeyValuePair<string, object?>("destination", MetricTag.Bounded(destination)));

    /// <summary>The platform refused the destination's credentials (token expired, revoked, wrong secret).</summary>
    public void AuthFailure(string destination) =>
        _authFailures.Add(1, new KeyValuePair<string, object?>("destination", MetricTag.Bounded(destination)));

    /// <summary>One event was sent to a destination: counts each identifier as present or absent.</summary>
    public void Coverage(string destination, IdentifierCoverage coverage)
    {
        var dest = MetricTag.Bounded(destination);
        foreach (var (name, present) in coverage.Items())
        {
            _identifierCoverage.Add(1, new TagList
            {
                { "destination", dest },
                { "identifier", name },
                { "present", present ? "true" : "false" },
            });
        }
    }

    /// <summary>A destination was paused (circuit opened) after an auth failure.</summary>
    public void CircuitOpened(string destination) =>
        _circuitOpen.Add(1, new KeyValuePair<string, object?>("destination", MetricTag.Bounded(destination)));
}
