using System.Diagnostics.Metrics;

namespace Pipeline.Ingest;

/// <summary>
/// Counters of what the ingest endpoints did, by source and outcome (accepted, duplicate, ignored, unauthorized,
/// bad_request, too_large, not_configured, unavailable), exported wherever the host sends metrics.
/// </summary>
public sealed class IngestMetrics
{
    public const string MeterName = "Pipeline.Ingest";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _events;

    public IngestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("pipeline.ingest.requests", description: "Ingest requests by source and outcome.");
        _events = meter.CreateCounter<long>("pipeline.ingest.events", description: "Events enqueued or found duplicate, by source.");
    }

    public void Request(string source, string outcome) =>
        _requests.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", outcome));

    public void Events(string source, int enqueued, int duplicates)
    {
        if (enqueued > 0)
            _events.Add(enqueued, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", "enqueued"));
        if (duplicates > 0)
            _events.Add(duplicates, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", "duplicate"));
    }
}
