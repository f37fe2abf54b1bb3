using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Pipeline.Telemetry;

namespace Pipeline.IntegrationTests.Circuit;

/// <summary>Sums the <c>Pipeline</c> meter's counters of one host (its meter factory), by instrument and destination.</summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string? Destination), long> _totals = new();

    public MetricsRecorder(IMeterFactory hostMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PipelineMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, hostMeters))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? destination = null;
            foreach (var tag in tags)
                if (tag.Key == "destination") destination = tag.Value as string;
            _totals.AddOrUpdate((instrument.Name, destination), value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    public long Total(string instrument, string destination) => _totals.GetValueOrDefault((instrument, destination));

    public void Dispose() => _listener.Dispose();
}
