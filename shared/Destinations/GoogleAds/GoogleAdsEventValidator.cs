using Pipeline.Events;

namespace Pipeline.Destinations.GoogleAds;

/// <summary>Decides before building whether Google Ads can take an event at all, so a batch never carries a lost cause.</summary>
public static class GoogleAdsEventValidator
{
    /// <summary>
    /// Null when the event can be uploaded; otherwise the outcome to record instead: <c>Skipped</c> when there is
    /// nothing Google could attribute (no click id and no shareable identifiers, no conversion action, no order to
    /// correct), <c>Permanent</c> when Google would reject it (older than the click window).
    /// </summary>
    public static DeliveryOutcome? Validate(CanonicalEvent e, DeliveryTarget target, GoogleAdsSettings settings, DateTimeOffset now)
    {
        if (GoogleAdsFields.ConversionActionId(e, settings) is null)
            return DeliveryOutcome.Skipped($"no conversion action configured for {e.EventName}");

        var window = settings.AgeLimit();
        if (window.IsPassedBy(e.EventTime, now))
            return DeliveryOutcome.Permanent($"expired: event is older than the {window.Bounded}-day click window");

        if (GoogleAdsFields.IsRefund(e))
        {
            return GoogleAdsFields.AdjustedOrderId(e) is null
                ? DeliveryOutcome.Skipped("refund names no order to adjust (order_id or original_event_id)")
                : null;
        }

        if (GoogleAdsFields.ClickId(e) is null && GoogleAdsFields.UserIdentifiers(e).Count == 0 && GoogleAdsFields.AddressInfo(e) is null)
        {
            return GoogleAdsFields.AdUserData(e) == "DENIED" && (e.UserData?.Email is not null || e.UserData?.Phone is not null)
                ? DeliveryOutcome.Skipped("no click id, and ad_user_data consent denied sharing user identifiers")
                : DeliveryOutcome.Skipped("no click id (gclid, gbraid, wbraid) and no hashed e-mail or phone");
        }

        return null;
    }
}
