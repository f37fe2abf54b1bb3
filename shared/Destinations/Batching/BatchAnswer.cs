namespace Pipeline.Destinations.Batching;

/// <summary>What one platform request did for the events it carried.</summary>
/// <param name="Request">The request as sent (the last one, when it had to be sent again, e.g. with a fresh token); null when none was.</param>
/// <param name="Outcomes">One outcome per event, in request order.</param>
/// <param name="RejectedWhole">
/// The platform refused the request as a whole for some event in it (Meta and TikTok reject every event for one bad
/// one): the events are sent again one by one, so only the culprit fails.
/// </param>
public sealed record BatchAnswer(OutgoingRequest? Request, IReadOnlyList<DeliveryOutcome> Outcomes, bool RejectedWhole)
{
    /// <summary>The same outcome for every event of the request.</summary>
    public static BatchAnswer ForAll(OutgoingRequest? request, DeliveryOutcome outcome, int events, bool rejectedWhole) =>
        new(request, Enumerable.Repeat(outcome, events).ToList(), rejectedWhole);

    /// <summary>A permanent refusal of a request carrying several events blames the request, not every event.</summary>
    public static bool BlamesTheBatch(DeliveryOutcome outcome, int events) =>
        events > 1 && outcome.Kind == DeliveryOutcomeKind.Permanent;
}
