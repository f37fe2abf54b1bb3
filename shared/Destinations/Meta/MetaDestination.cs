using Pipeline.Configuration;
using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Http;
using Pipeline.Destinations.Outbox;

namespace Pipeline.Destinations.Meta;

/// <summary>One Meta pixel, fed through the Conversions API (or recorded in the outbox in outbox mode).</summary>
public sealed class MetaDestination(
    DestinationOptions options,
    MetaSettings settings,
    DestinationMode mode,
    TimeSpan timeout,
    PlatformHttpClient http,
    OutboxWriter outbox,
    TimeProvider time) : BatchingDestination(mode, outbox, time), IEventAgeLimit
{
    public const string TypeName = "meta";

    public override string Id => options.Id;
    public override string Type => TypeName;
    public override int MaxBatchSize => MetaRequestBuilder.MaxEventsPerRequest;

    /// <summary>Meta refuses events older than its limit (7 days), so retries stop before it.</summary>
    public TimeSpan MaxEventAge => TimeSpan.FromDays(settings.MaxEventAgeDays);

    // One invalid event makes Meta reject the whole request: each is checked before it may join one.
    protected override DeliveryOutcome? Refusal(PreparedEvent e, DateTimeOffset now) =>
        MetaEventValidator.Check(e.Event, e.Target, settings, now);

    protected override OutgoingRequest BuildForOutbox(IReadOnlyList<PreparedEvent> events) => Build(events);

    protected override Task<BatchAnswer> ExchangeAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken) =>
        WholeRequestExchange.SendAsync(http, Build(events), timeout, events.Count,
            r => MetaAnswerClassifier.Classify(r.Status, r.Headers, r.Body, eventsSent: events.Count, Time.GetUtcNow()), cancellationToken);

    protected override DeliveryOutcome Annotate(DeliveryOutcome outcome, PreparedEvent e) =>
        WholeRequestExchange.NoteTestCode(outcome, e, settings.TestEventCode);

    private OutgoingRequest Build(IReadOnlyList<PreparedEvent> events) =>
        MetaRequestBuilder.Build(events.Select(e => e.Row).ToList(), settings);
}
