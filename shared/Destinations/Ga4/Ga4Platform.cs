using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Platform;

namespace Pipeline.Destinations.Ga4;

/// <summary>GA4 web data streams, fed through the Measurement Protocol (the debug endpoint in test mode).</summary>
public sealed class Ga4Platform() : WholeRequestPlatform<Ga4Settings>("ga4", Ga4RequestBuilder.MaxEventsPerRequest)
{
    public override IEnumerable<(string? Value, string Setting)> Required(Ga4Settings s) => [(s.MeasurementId, nameof(s.MeasurementId))];

    public override IEnumerable<(string? Value, string Setting)> Credentials(Ga4Settings s) => [(s.ApiSecret, nameof(s.ApiSecret))];

    // One request per visitor: the client id and every request-level field must agree (Ga4RequestBuilder.RequestKey).
    public override string? BatchKey(PreparedEvent e, Ga4Settings s) =>
        Ga4ClientId.For(e.Event) is null ? "no-client-id" : Ga4RequestBuilder.RequestKey(e.Event, e.Target, s);

    public override DeliveryOutcome? Refusal(PreparedEvent e, Ga4Settings s, DateTimeOffset now) => Ga4EventValidator.Validate(e.Event, e.Target, s, now);

    public override OutgoingRequest Build(IReadOnlyList<PreparedEvent> events, Ga4Settings s) =>
        Ga4RequestBuilder.Build(events.Select(e => e.Row).ToList(), s);

    public override DeliveryOutcome Classify(
        int status, IReadOnlyDictionary<string, string> headers, string? body, int eventsSent, DateTimeOffset now) =>
        Ga4AnswerClassifier.Classify(status, headers, body);

    // The debug endpoint validates without recording: say so, so nobody looks for the event in reports.
    public override DeliveryOutcome Annotate(DeliveryOutcome outcome, PreparedEvent e, Ga4Settings s) =>
        s.DebugMode || e.Target.Test ? BatchingDestination.NotRecorded(outcome, "GA4 debug endpoint: valid, not recorded", "GA4 debug endpoint") : outcome;
}
