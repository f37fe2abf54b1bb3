using System.Diagnostics.Metrics;
using Pipeline.Telemetry;

namespace Pipeline.Ingest;

/// <summary>
/// Counters of what the ingest endpoints did, by source and outcome (accepted, duplicate, ignored, unauthorized,
/// bad_request, too_large, not_configured, unavailable, in_flight), exported wherever the host sends metrics.
/// </summary>
public sealed class IngestMetrics
{
    /// <summary>The pipeline's one meter: ingest counters sit beside the stage metrics.</summary>
    public const string MeterName = PipelineMetrics.MeterName;

    private readonly Counter<long> _requests;
    private readonly Counter<long> _events;

    private readonly PipelineMetrics _pipeline;

    public IngestMetrics(IMeterFactory meters, PipelineMetrics pipeline)
    {
        _pipeline = pipeline;
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("pipeline.ingest.requests", description: "Ingest requests by source and outcome.");
        _events = meter.CreateCounter<long>("pipeline.ingest.events", description: "Events enqueued or found duplicate, by source.");
    }

    public void Request(string source, string outcome) =>
        _requests.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", outcome));

    public void Events(string source, int enqueued, int duplicates)
    {
        if (enqueued > 0) _pipeline.EventReceived(source, enqueued);
        if (enqueued > 0)
            _events.Add(enqueued, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", "enqueued"));
        if (duplicates > 0)
            _events.Add(duplicates, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", "duplicate"));
    }
}
