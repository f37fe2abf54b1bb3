using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Outbox;

namespace Pipeline.Destinations.Platform;

/// <summary>One account of an ad platform: the shared delivery loop (batching, outbox and test modes) around the platform's hooks.</summary>
public sealed class PlatformDestination<TSettings>(
    string id,
    AdPlatform<TSettings> platform,
    PlatformAccount<TSettings> account,
    DestinationMode mode,
    OutboxWriter outbox) : BatchingDestination(mode, outbox, account.Time), IEventAgeLimit
    where TSettings : class, IPlatformSettings, new()
{
    public override string Id => id;
    public override string Type => platform.Type;
    public override int MaxBatchSize => platform.MaxBatchSize;

    /// <summary>The platform refuses (or has no use for) older events, so retries stop before it.</summary>
    public TimeSpan MaxEventAge => account.Settings.AgeLimit().MaxEventAge;

    protected override string? PlatformBatchKey(PreparedEvent e) => platform.BatchKey(e, account.Settings);

    protected override DeliveryOutcome? Refusal(PreparedEvent e, DateTimeOffset now) => platform.Refusal(e, account.Settings, now);

    protected override OutgoingRequest BuildForOutbox(IReadOnlyList<PreparedEvent> events) => platform.BuildForOutbox(events, account.Settings);

    protected override Task<BatchAnswer> ExchangeAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken) =>
        platform.ExchangeAsync(events, account, cancellationToken);

    protected override DeliveryOutcome Annotate(DeliveryOutcome outcome, PreparedEvent e) => platform.Annotate(outcome, e, account.Settings);
}
