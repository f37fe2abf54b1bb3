using Pipeline.Configuration;
using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Http;
using Pipeline.Destinations.Outbox;

namespace Pipeline.Destinations.TikTok;

/// <summary>One TikTok pixel (and its offline and app event sources), fed through the Events API 2.0.</summary>
public sealed class TikTokDestination(
    DestinationOptions options,
    TikTokSettings settings,
    DestinationMode mode,
    TimeSpan timeout,
    PlatformHttpClient http,
    OutboxWriter outbox,
    TimeProvider time) : BatchingDestination(mode, outbox, time), IEventAgeLimit
{
    public const string TypeName = "tiktok";

    public override string Id => options.Id;
    public override string Type => TypeName;
    public override int MaxBatchSize => TikTokRequestBuilder.MaxEventsPerRequest;

    /// <summary>TikTok names no hard limit; attribution windows end after days, so old events are not worth sending.</summary>
    public TimeSpan MaxEventAge => TimeSpan.FromDays(settings.MaxEventAgeDays);

    // The event source (web, app, offline) is named once per request.
    protected override string? PlatformBatchKey(PreparedEvent e) => TikTokEventSources.For(e.Event.ActionSource);

    // One invalid event makes TikTok reject the whole request: each is checked before it may join one.
    protected override DeliveryOutcome? Refusal(PreparedEvent e, DateTimeOffset now)
    {
        if (TikTokEventValidator.Check(e.Event, e.Target, settings, now) is { } refused) return refused;
        return DateTimeOffset.FromUnixTimeSeconds(e.Event.EventTime) < now - MaxEventAge
            ? DeliveryOutcome.Permanent($"expired: event is older than {settings.MaxEventAgeDays} days")
            : null;
    }

    protected override OutgoingRequest BuildForOutbox(IReadOnlyList<PreparedEvent> events) => Build(events);

    protected override Task<BatchAnswer> ExchangeAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken) =>
        WholeRequestExchange.SendAsync(http, Build(events), timeout, events.Count,
            r => TikTokAnswerClassifier.Classify(r.Status, r.Headers, r.Body, Time.GetUtcNow()), cancellationToken);

    protected override DeliveryOutcome Annotate(DeliveryOutcome outcome, PreparedEvent e) =>
        WholeRequestExchange.NoteTestCode(outcome, e, settings.TestEventCode);

    private OutgoingRequest Build(IReadOnlyList<PreparedEvent> events) =>
        TikTokRequestBuilder.Build(events.Select(e => e.Row).ToList(), settings);
}
