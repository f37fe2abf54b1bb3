using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Platform;

namespace Pipeline.Destinations.Pinterest;

/// <summary>
/// Pinterest ad accounts, fed through the Conversions API v5: up to 1,000 events a request, answered per event in
/// request order, so one failed event does not fail the others.
/// </summary>
public sealed class PinterestPlatform() : AdPlatform<PinterestSettings>("pinterest", PinterestRequestBuilder.MaxEventsPerRequest)
{
    public override IEnumerable<(string? Value, string Setting)> Required(PinterestSettings s) => [(s.AdAccountId, nameof(s.AdAccountId))];

    public override IEnumerable<(string? Value, string Setting)> Credentials(PinterestSettings s) => [(s.AccessToken, nameof(s.AccessToken))];

    // Events are checked one by one, so a malformed one cannot make Pinterest refuse the request (400) for all.
    public override DeliveryOutcome? Refusal(PreparedEvent e, PinterestSettings s, DateTimeOffset now)
    {
        if (PinterestEventValidator.Check(e.Event, e.Target, s, now) is { } refused) return refused;
        var limit = s.AgeLimit();
        return limit.IsPassedBy(e.Event.EventTime, now)
            ? DeliveryOutcome.Permanent($"expired: event is older than {limit.Bounded} days")
            : null;
    }

    public override OutgoingRequest BuildForOutbox(IReadOnlyList<PreparedEvent> events, PinterestSettings s) =>
        PinterestRequestBuilder.Build(events.Select(e => e.Row).ToList(), s);

    public override async Task<BatchAnswer> ExchangeAsync(
        IReadOnlyList<PreparedEvent> events, PlatformAccount<PinterestSettings> account, CancellationToken cancellationToken)
    {
        var outgoing = BuildForOutbox(events, account.Settings);
        var response = await account.Http.SendAsync(outgoing, account.Timeout, cancellationToken);
        if (response.TransportOutcome is { } lost) return BatchAnswer.ForAll(outgoing, lost, events.Count, rejectedWhole: false);
        var outcomes = PinterestAnswerClassifier.Classify(response.Status, response.Headers, response.Body, events.Count, account.Time.GetUtcNow());
        // A permanent answer without per-event statuses (400) is about the request: with several events, they go again one by one.
        var refusedRequest = BatchAnswer.BlamesTheBatch(outcomes[0], events.Count)
            && !PinterestAnswerClassifier.AnswersPerEvent(response.Status, response.Body, events.Count);
        return new BatchAnswer(outgoing, outcomes, RejectedWhole: refusedRequest);
    }

    // test=true: Pinterest answers as usual and records nothing.
    public override DeliveryOutcome Annotate(DeliveryOutcome outcome, PreparedEvent e, PinterestSettings s) =>
        e.Target.Test ? BatchingDestination.NotRecorded(outcome, "test=true: accepted, not recorded", "test=true") : outcome;
}
