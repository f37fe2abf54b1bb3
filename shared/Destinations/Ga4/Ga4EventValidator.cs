using Pipeline.Events;

namespace Pipeline.Destinations.Ga4;

/// <summary>Decides before building whether GA4 can take an event at all.</summary>
public static class Ga4EventValidator
{
    /// <summary>
    /// Null when the event can be sent; otherwise the outcome to record instead: <c>Permanent</c> "expired" when
    /// older than GA4's backdating limit, <c>Skipped</c> when no client_id can be given.
    /// </summary>
    public static DeliveryOutcome? Validate(CanonicalEvent e, DeliveryTarget target, Ga4Settings settings, DateTimeOffset now)
    {
        var limit = settings.AgeLimit();
        if (limit.IsPassedBy(e.EventTime, now))
            return DeliveryOutcome.Permanent($"expired: event is older than {limit.Bounded} h, GA4 would not record it");

        if (Ga4ClientId.For(e) is null)
            return DeliveryOutcome.Skipped("no GA4 client id (ga_client_id), visitor id or external id");

        return null;
    }
}
