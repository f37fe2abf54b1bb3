using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Platform;

namespace Pipeline.Destinations.Snapchat;

/// <summary>
/// Snap Pixels, fed through the Conversions API v3: web and offline events, up to 2,000 a request. Test events go
/// to the validate endpoint, which checks them and records nothing.
/// </summary>
public sealed class SnapchatPlatform() : WholeRequestPlatform<SnapchatSettings>("snapchat", SnapchatRequestBuilder.MaxEventsPerRequest)
{
    public override IEnumerable<(string? Value, string Setting)> Required(SnapchatSettings s) => [(s.PixelId, nameof(s.PixelId))];

    public override IEnumerable<(string? Value, string Setting)> Credentials(SnapchatSettings s) => [(s.AccessToken, nameof(s.AccessToken))];

    // Snap answers for the request as a whole: each event is checked before it may join one.
    public override DeliveryOutcome? Refusal(PreparedEvent e, SnapchatSettings s, DateTimeOffset now)
    {
        if (SnapchatEventValidator.Check(e.Event, e.Target, s, now) is { } refused) return refused;
        var limit = s.AgeLimit();
        return limit.IsPassedBy(e.Event.EventTime, now)
            ? DeliveryOutcome.Permanent($"expired: event is older than {limit.Bounded} days")
            : null;
    }

    public override OutgoingRequest Build(IReadOnlyList<PreparedEvent> events, SnapchatSettings s) =>
        SnapchatRequestBuilder.Build(events.Select(e => e.Row).ToList(), s);

    public override DeliveryOutcome Classify(
        int status, IReadOnlyDictionary<string, string> headers, string? body, int eventsSent, DateTimeOffset now) =>
        SnapchatAnswerClassifier.Classify(status, headers, body, now);

    // The validate endpoint records nothing: say so, so nobody looks for the event in Ads Manager.
    public override DeliveryOutcome Annotate(DeliveryOutcome outcome, PreparedEvent e, SnapchatSettings s) =>
        e.Target.Test ? BatchingDestination.NotRecorded(outcome, "Snapchat validate endpoint: valid, not recorded", "Snapchat validate endpoint") : outcome;
}
