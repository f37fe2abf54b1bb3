using System.Diagnostics.Metrics;

namespace Pipeline.Telemetry;

/// <summary>
/// The pipeline's own metrics (meter <c>Pipeline</c>), exported through OpenTelemetry to Azure Monitor, where the
/// alert rules watch them: the storage platform's queue metrics refresh too rarely to alert on.
/// </summary>
public sealed class PipelineMetrics
{
    public const string MeterName = "Pipeline";

    private readonly Counter<long> _authFailures;
    private readonly Counter<long> _circuitOpen;

    public PipelineMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _authFailures = meter.CreateCounter<long>("pipeline.auth_failures", description: "Deliveries a platform refused for credentials or permission.");
        _circuitOpen = meter.CreateCounter<long>("pipeline.circuit_open", description: "Times a destination was paused after an auth failure.");
    }

    public void AuthFailure(string destination) => _authFailures.Add(1, new KeyValuePair<string, object?>("destination", destination));

    public void CircuitOpened(string destination) => _circuitOpen.Add(1, new KeyValuePair<string, object?>("destination", destination));
}
