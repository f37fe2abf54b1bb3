using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Platform;

namespace Pipeline.Destinations.TikTok;

/// <summary>
/// TikTok pixels (and their offline and app event sources), fed through the Events API 2.0: one event source a request.
/// </summary>
public sealed class TikTokPlatform() : WholeRequestPlatform<TikTokSettings>("tiktok", TikTokRequestBuilder.MaxEventsPerRequest)
{
    public override IEnumerable<(string? Value, string Setting)> Required(TikTokSettings s) => [(s.ApiVersion, nameof(s.ApiVersion))];

    public override IEnumerable<(string? Value, string Setting)> Credentials(TikTokSettings s) => [(s.AccessToken, nameof(s.AccessToken))];

    public override IEnumerable<(string? Value, string Setting)> TestModeNeeds(TikTokSettings s) => [(s.TestEventCode, nameof(s.TestEventCode))];

    public override void Check(TikTokSettings s, DestinationSettingsBinder binder)
    {
        if (string.IsNullOrWhiteSpace(s.PixelCode) && string.IsNullOrWhiteSpace(s.OfflineEventSetId) && string.IsNullOrWhiteSpace(s.AppId))
            binder.Problem("missing Settings:PixelCode (or OfflineEventSetId / AppId): no event source to send to");
    }

    // The event source (web, app, offline) is named once per request.
    public override string? BatchKey(PreparedEvent e, TikTokSettings s) => TikTokEventSources.For(e.Event.ActionSource);

    // One invalid event makes TikTok reject the whole request: each is checked before it may join one.
    public override DeliveryOutcome? Refusal(PreparedEvent e, TikTokSettings s, DateTimeOffset now)
    {
        if (TikTokEventValidator.Check(e.Event, e.Target, s, now) is { } refused) return refused;
        var limit = s.AgeLimit();
        return limit.IsPassedBy(e.Event.EventTime, now)
            ? DeliveryOutcome.Permanent($"expired: event is older than {limit.Bounded} days")
            : null;
    }

    public override OutgoingRequest Build(IReadOnlyList<PreparedEvent> events, TikTokSettings s) =>
        TikTokRequestBuilder.Build(events.Select(e => e.Row).ToList(), s);

    public override DeliveryOutcome Classify(
        int status, IReadOnlyDictionary<string, string> headers, string? body, int eventsSent, DateTimeOffset now) =>
        TikTokAnswerClassifier.Classify(status, headers, body, now);

    public override DeliveryOutcome Annotate(DeliveryOutcome outcome, PreparedEvent e, TikTokSettings s) =>
        WholeRequestExchange.NoteTestCode(outcome, e, s.TestEventCode);
}
