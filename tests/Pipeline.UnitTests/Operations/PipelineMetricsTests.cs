using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Telemetry;

namespace Pipeline.UnitTests.Operations;

public sealed class PipelineMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly PipelineMetrics _metrics;
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, string?> Tags)> _measurements = [];

    public PipelineMetricsTests()
    {
        _metrics = new PipelineMetrics(_services.GetRequiredService<IMeterFactory>());
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _metrics.Meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dict = new Dictionary<string, string?>();
        foreach (var t in tags) dict[t.Key] = t.Value?.ToString();
        _measurements.Add((instrument.Name, value, dict));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void The_meter_is_named_Pipeline_and_has_every_instrument()
    {
        _metrics.EventReceived("shopify");
        _metrics.Matched("click_id");
        _metrics.Delivery("meta", "delivered");
        _metrics.Attempt("meta");
        _metrics.DeliveryLatency("meta", TimeSpan.FromMinutes(2));
        _metrics.AuthFailure("meta");
        _metrics.Coverage("meta", IdentifierCoverage.None);

        Assert.Equal("Pipeline", _metrics.Meter.Name);
        Assert.Equal(
            ["pipeline.attempts", "pipeline.auth_failures", "pipeline.deliveries", "pipeline.delivery_latency",
             "pipeline.events_received", "pipeline.identifier_coverage", "pipeline.matches"],
            _measurements.Select(m => m.Instrument).Distinct().Order());
    }

    [Fact]
    public void Deliveries_carry_destination_and_outcome_and_reason_only_when_given()
    {
        _metrics.Delivery("google-ads", "delivered");
        _metrics.Delivery("meta", "skipped", "consent");

        var delivered = Assert.Single(_measurements, m => m.Tags["outcome"] == "delivered");
        Assert.Equal("pipeline.deliveries", delivered.Instrument);
        Assert.Equal(1, delivered.Value);
        Assert.Equal(new Dictionary<string, string?> { ["destination"] = "google-ads", ["outcome"] = "delivered" }, delivered.Tags);
        var skipped = Assert.Single(_measurements, m => m.Tags["outcome"] == "skipped");
        Assert.Equal("consent", skipped.Tags["reason"]);
        Assert.Equal("meta", skipped.Tags["destination"]);
    }

    [Theory]
    [InlineData("buyer@example.com")]
    [InlineData("203.0.113.7")]
    [InlineData("event 'Purchase' is not mapped for this destination")]
    [InlineData("HTTP 400: Invalid parameter user_data.em for 3c4d8e0f6c9a8c5e1f1c3cb76f2bdb6bcd9d5a3d6a39e4d2a3c8a2b2f3b45e07")]
    public void A_free_text_or_personal_reason_is_reported_as_other(string reason)
    {
        _metrics.Delivery("meta", "dead", reason);

        Assert.Equal("other", Assert.Single(_measurements).Tags["reason"]);
    }

    [Fact]
    public void Latency_is_recorded_in_seconds_per_destination()
    {
        _metrics.DeliveryLatency("tiktok", TimeSpan.FromMinutes(3));

        var m = Assert.Single(_measurements);
        Assert.Equal("pipeline.delivery_latency", m.Instrument);
        Assert.Equal(180, m.Value);
        Assert.Equal("tiktok", m.Tags["destination"]);
    }

    [Fact]
    public void Coverage_counts_every_identifier_as_present_or_absent()
    {
        _metrics.Coverage("meta", new IdentifierCoverage(ClickId: true, Fbc: true, Fbp: false, Email: true, Phone: false, ExternalId: false, IpAndUserAgent: true));

        Assert.All(_measurements, m => Assert.Equal("pipeline.identifier_coverage", m.Instrument));
        Assert.Equal(7, _measurements.Count);
        var present = _measurements.Where(m => m.Tags["present"] == "true").Select(m => m.Tags["identifier"]).Order();
        Assert.Equal(["click", "em", "fbc", "ipua"], present);
        Assert.All(_measurements, m => Assert.Equal("meta", m.Tags["destination"]));
    }

    [Fact]
    public void Source_rule_and_auth_failure_tags_are_the_names_given()
    {
        _metrics.EventReceived("stripe");
        _metrics.Matched("visitor_id");
        _metrics.AuthFailure("ga4");
        _metrics.Attempt("ga4");

        Assert.Equal("stripe", _measurements.Single(m => m.Instrument == "pipeline.events_received").Tags["source"]);
        Assert.Equal("visitor_id", _measurements.Single(m => m.Instrument == "pipeline.matches").Tags["rule"]);
        Assert.Equal("ga4", _measurements.Single(m => m.Instrument == "pipeline.auth_failures").Tags["destination"]);
        Assert.Equal("ga4", _measurements.Single(m => m.Instrument == "pipeline.attempts").Tags["destination"]);
    }
}
