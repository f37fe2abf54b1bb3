using Pipeline.Configuration;
using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Http;
using Pipeline.Destinations.Outbox;

namespace Pipeline.Destinations.Ga4;

/// <summary>One GA4 web data stream, fed through the Measurement Protocol (the debug endpoint in test mode).</summary>
public sealed class Ga4Destination(
    DestinationOptions options,
    Ga4Settings settings,
    DestinationMode mode,
    TimeSpan timeout,
    PlatformHttpClient http,
    OutboxWriter outbox,
    TimeProvider time) : BatchingDestination(mode, outbox, time), IEventAgeLimit
{
    public const string TypeName = "ga4";

    public override string Id => options.Id;
    public override string Type => TypeName;
    public override int MaxBatchSize => Ga4RequestBuilder.MaxEventsPerRequest;

    /// <summary>GA4 does not record events backdated by more than 72 h.</summary>
    public TimeSpan MaxEventAge => TimeSpan.FromHours(Math.Clamp(settings.MaxEventAgeHours, 1, Ga4Settings.MaxBackdateHours));

    // One request per visitor: the client id and every request-level field must agree (Ga4RequestBuilder.RequestKey).
    protected override string? PlatformBatchKey(PreparedEvent e) =>
        Ga4ClientId.For(e.Event) is null ? "no-client-id" : Ga4RequestBuilder.RequestKey(e.Event, e.Target, settings);

    protected override DeliveryOutcome? Refusal(PreparedEvent e, DateTimeOffset now) =>
        Ga4EventValidator.Validate(e.Event, e.Target, settings, now);

    protected override OutgoingRequest BuildForOutbox(IReadOnlyList<PreparedEvent> events) => Build(events);

    protected override Task<BatchAnswer> ExchangeAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken) =>
        WholeRequestExchange.SendAsync(http, Build(events), timeout, events.Count,
            r => Ga4AnswerClassifier.Classify(r.Status, r.Headers, r.Body), cancellationToken);

    // The debug endpoint validates without recording: say so, so nobody looks for the event in reports.
    protected override DeliveryOutcome Annotate(DeliveryOutcome outcome, PreparedEvent e) =>
        settings.DebugMode || e.Target.Test ? NotRecorded(outcome, "GA4 debug endpoint: valid, not recorded", "GA4 debug endpoint") : outcome;

    private OutgoingRequest Build(IReadOnlyList<PreparedEvent> events) =>
        Ga4RequestBuilder.Build(events.Select(e => e.Row).ToList(), settings);
}
