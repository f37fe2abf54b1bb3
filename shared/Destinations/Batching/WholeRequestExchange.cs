using Pipeline.Destinations.Http;

namespace Pipeline.Destinations.Batching;

/// <summary>
/// For platforms whose answer is about the request as a whole (Meta, TikTok, GA4): one outcome for every event, and
/// a permanent refusal of several events means some event in it was bad, so they go again one by one.
/// </summary>
public static class WholeRequestExchange
{
    public static async Task<BatchAnswer> SendAsync(
        PlatformHttpClient http, OutgoingRequest outgoing, TimeSpan timeout, int events,
        Func<PlatformResponse, DeliveryOutcome> classify, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(outgoing, timeout, cancellationToken);
        var outcome = response.TransportOutcome ?? classify(response);
        return BatchAnswer.ForAll(outgoing, outcome, events, rejectedWhole: BatchAnswer.BlamesTheBatch(outcome, events));
    }

    /// <summary>Says which test code a test delivery went under, so nobody looks for it among live events.</summary>
    public static DeliveryOutcome NoteTestCode(DeliveryOutcome outcome, PreparedEvent e, string? testEventCode) =>
        e.Target.Test && outcome.Kind == DeliveryOutcomeKind.Delivered
            ? outcome with { Detail = $"test_event_code {testEventCode}: {outcome.Detail}" }
            : outcome;
}
