using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Platform;

namespace Pipeline.Destinations.Meta;

/// <summary>
/// Meta pixels, fed through the Conversions API: up to 1,000 events a request, and one invalid event makes Meta
/// reject them all.
/// </summary>
public sealed class MetaPlatform() : WholeRequestPlatform<MetaSettings>("meta", MetaRequestBuilder.MaxEventsPerRequest)
{
    public override IEnumerable<(string? Value, string Setting)> Required(MetaSettings s) =>
        [(s.ApiVersion, nameof(s.ApiVersion)), (s.PixelId, nameof(s.PixelId))];

    public override IEnumerable<(string? Value, string Setting)> Credentials(MetaSettings s) => [(s.AccessToken, nameof(s.AccessToken))];

    public override IEnumerable<(string? Value, string Setting)> TestModeNeeds(MetaSettings s) => [(s.TestEventCode, nameof(s.TestEventCode))];

    // One invalid event makes Meta reject the whole request: each is checked before it may join one.
    public override DeliveryOutcome? Refusal(PreparedEvent e, MetaSettings s, DateTimeOffset now) => MetaEventValidator.Check(e.Event, e.Target, s, now);

    public override OutgoingRequest Build(IReadOnlyList<PreparedEvent> events, MetaSettings s) =>
        MetaRequestBuilder.Build(events.Select(e => e.Row).ToList(), s);

    public override DeliveryOutcome Classify(
        int status, IReadOnlyDictionary<string, string> headers, string? body, int eventsSent, DateTimeOffset now) =>
        MetaAnswerClassifier.Classify(status, headers, body, eventsSent, now);

    public override DeliveryOutcome Annotate(DeliveryOutcome outcome, PreparedEvent e, MetaSettings s) =>
        WholeRequestExchange.NoteTestCode(outcome, e, s.TestEventCode);
}
