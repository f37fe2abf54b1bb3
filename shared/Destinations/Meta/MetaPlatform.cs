using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Http;
using Pipeline.Destinations.Platform;

namespace Pipeline.Destinations.Meta;

/// <summary>Meta pixels, fed through the Conversions API.</summary>
public sealed class MetaPlatform : WholeRequestPlatform<MetaSettings>
{
    public const string TypeName = "meta";

    public override string Type => TypeName;
    public override int MaxBatchSize => MetaRequestBuilder.MaxEventsPerRequest;

    /// <summary>Meta refuses events older than 7 days.</summary>
    public override EventAgeLimit AgeLimit(MetaSettings s) => EventAgeLimit.Days(nameof(s.MaxEventAgeDays), s.MaxEventAgeDays, max: 7, "Meta's limit");

    public override IEnumerable<(string? Value, string Setting)> Required(MetaSettings s) =>
        [(s.ApiVersion, nameof(s.ApiVersion)), (s.PixelId, nameof(s.PixelId))];

    public override IEnumerable<(string? Value, string Setting)> Credentials(MetaSettings s) => [(s.AccessToken, nameof(s.AccessToken))];

    public override IEnumerable<(string? Value, string Setting)> TestModeNeeds(MetaSettings s) => [(s.TestEventCode, nameof(s.TestEventCode))];

    // One invalid event makes Meta reject the whole request: each is checked before it may join one.
    public override DeliveryOutcome? Refusal(PreparedEvent e, MetaSettings s, DateTimeOffset now) => MetaEventValidator.Check(e.Event, e.Target, s, now);

    public override OutgoingRequest Build(IReadOnlyList<PreparedEvent> events, MetaSettings s) =>
        MetaRequestBuilder.Build(events.Select(e => e.Row).ToList(), s);

    public override DeliveryOutcome Classify(PlatformResponse r, int eventsSent, DateTimeOffset now) =>
        MetaAnswerClassifier.Classify(r.Status, r.Headers, r.Body, eventsSent, now);

    public override DeliveryOutcome Annotate(DeliveryOutcome outcome, PreparedEvent e, MetaSettings s) =>
        WholeRequestExchange.NoteTestCode(outcome, e, s.TestEventCode);
}
