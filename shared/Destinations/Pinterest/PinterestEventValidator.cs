using Pipeline.Destinations.Platform;
using Pipeline.Events;

namespace Pipeline.Destinations.Pinterest;

/// <summary>Checks an event against Pinterest's rules before it is built into a request.</summary>
public static class PinterestEventValidator
{
    /// <summary>
    /// Null when the event can be sent; Skipped when it is deliberately not sent to Pinterest; Permanent with every
    /// problem found when Pinterest would reject it.
    /// </summary>
    public static DeliveryOutcome? Check(CanonicalEvent evt, DeliveryTarget target, PinterestSettings settings, DateTimeOffset now) =>
        EventRefusal.Of("Pinterest", SkipReason(evt, target), () => Validate(evt, now));

    /// <summary>Why the event is not meant for Pinterest at all, or null.</summary>
    public static string? SkipReason(CanonicalEvent evt, DeliveryTarget target)
    {
        if (PinterestEventNames.Map.Resolve(evt, target) is null) return $"Pinterest has no event for {evt.EventName}";
        if (evt.ActionSource == "app") return "Pinterest needs app_android or app_ios, and the app event does not say which";
        return null;
    }

    /// <summary>Reasons Pinterest would reject the event; empty when it is acceptable. Never contains PII.</summary>
    public static IReadOnlyList<string> Validate(CanonicalEvent evt, DateTimeOffset now)
    {
        var problems = new List<string>();
        if (!ActionSources.IsValid(evt.ActionSource)) problems.Add($"unknown action_source '{evt.ActionSource}'");
        if (string.IsNullOrWhiteSpace(evt.EventId)) problems.Add("missing event_id");
        if (evt.EventTime > now.ToUnixTimeSeconds()) problems.Add("event_time is in the future");
        if (evt.Currency is { } currency && !(currency.Length == 3 && currency.All(char.IsAsciiLetter)))
            problems.Add("currency is not an ISO-4217 code");
        if (!PinterestRequestBuilder.UserData(evt).CanMatch) problems.Add("user_data has no e-mail and no IP address with user agent");
        return problems;
    }
}
