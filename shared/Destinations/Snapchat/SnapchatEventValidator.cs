using Pipeline.Destinations.Platform;
using Pipeline.Events;

namespace Pipeline.Destinations.Snapchat;

/// <summary>
/// Checks an event against Snap's rules before it is built into a request, so one bad event cannot sink a batch.
/// </summary>
public static class SnapchatEventValidator
{
    /// <summary>
    /// Null when the event can be sent; Skipped when it is deliberately not sent to Snap; Permanent with every
    /// problem found when Snap would mark it invalid.
    /// </summary>
    public static DeliveryOutcome? Check(CanonicalEvent evt, DeliveryTarget target, SnapchatSettings settings, DateTimeOffset now) =>
        EventRefusal.Of("Snapchat", SkipReason(evt, target), () => Validate(evt, target, settings, now));

    /// <summary>Why the event is not meant for Snap at all, or null.</summary>
    public static string? SkipReason(CanonicalEvent evt, DeliveryTarget target)
    {
        if (SnapchatEventNames.Map.Resolve(evt, target) is null) return $"Snapchat has no event for {evt.EventName}";
        // App events go to a Snap App id with app_data, which this destination does not send.
        if (evt.ActionSource == "app") return "app events are not sent to a Snap Pixel";
        return null;
    }

    /// <summary>Reasons Snap would mark the event invalid; empty when it is acceptable. Never contains PII.</summary>
    public static IReadOnlyList<string> Validate(CanonicalEvent evt, DeliveryTarget target, SnapchatSettings settings, DateTimeOffset now)
    {
        var problems = new List<string>();
        if (!ActionSources.IsValid(evt.ActionSource)) problems.Add($"unknown action_source '{evt.ActionSource}'");
        if (evt.EventTime > now.ToUnixTimeSeconds()) problems.Add("event_time is in the future");
        if (evt.ActionSource == "website" && SnapchatRequestBuilder.EventSourceUrl(evt, settings) is null)
            problems.Add("missing event_source_url for web");
        if (SnapchatEventNames.Map.Resolve(evt, target) == "PURCHASE")
        {
            if (evt.Value is null) problems.Add("PURCHASE without value");
            if (string.IsNullOrWhiteSpace(evt.Currency)) problems.Add("PURCHASE without currency");
        }
        if (evt.Currency is { } currency && !(currency.Length == 3 && currency.All(char.IsAsciiLetterUpper)))
            problems.Add("currency is not an uppercase ISO-4217 code");
        if (!SnapchatRequestBuilder.UserData(evt).CanMatch) problems.Add("no e-mail, phone, or IP and user agent in user_data");
        return problems;
    }
}
