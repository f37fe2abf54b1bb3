using Pipeline.Destinations.Platform;
using Pipeline.Events;

namespace Pipeline.Destinations.TikTok;

/// <summary>
/// Checks an event against TikTok's rules before it is built into a request, so one bad event cannot sink a batch.
/// </summary>
public static class TikTokEventValidator
{
    /// <summary>
    /// Null when the event can be sent; Skipped when it is deliberately not sent to TikTok; Permanent with every
    /// problem found when TikTok would reject it.
    /// </summary>
    public static DeliveryOutcome? Check(CanonicalEvent evt, DeliveryTarget target, TikTokSettings settings, DateTimeOffset now) =>
        EventRefusal.Of("TikTok", SkipReason(evt, target, settings), () => Validate(evt, target, settings, now));

    /// <summary>Why the event is not meant for TikTok at all, or null.</summary>
    public static string? SkipReason(CanonicalEvent evt, DeliveryTarget target, TikTokSettings settings)
    {
        if (TikTokEventNames.Map.Resolve(evt, target) is null) return $"TikTok has no event for {evt.EventName}";
        var source = TikTokEventSources.For(evt.ActionSource);
        if (TikTokEventSources.SourceId(source, settings) is null) return $"no TikTok event source id configured for {source} events";
        // Test events may only reach TikTok's test mode, and that needs the code from Events Manager.
        if (target.Test && string.IsNullOrWhiteSpace(settings.TestEventCode)) return "test event and no TikTok TestEventCode configured";
        return null;
    }

    /// <summary>Reasons TikTok would reject the event; empty when it is acceptable. Never contains PII.</summary>
    public static IReadOnlyList<string> Validate(CanonicalEvent evt, DeliveryTarget target, TikTokSettings settings, DateTimeOffset now)
    {
        var problems = new List<string>();
        if (!ActionSources.IsValid(evt.ActionSource)) problems.Add($"unknown action_source '{evt.ActionSource}'");
        if (evt.EventTime > now.ToUnixTimeSeconds()) problems.Add("event_time is in the future");
        if (TikTokEventSources.For(evt.ActionSource) == TikTokEventSources.Web
            && string.IsNullOrWhiteSpace(evt.EventSourceUrl ?? settings.EventSourceUrlFallback))
            problems.Add("missing page url for web");
        if (evt.Currency is { } currency && !(currency.Length == 3 && currency.All(char.IsAsciiLetter)))
            problems.Add("currency is not an ISO-4217 code");
        if (TikTokRequestBuilder.User(evt) is null) problems.Add("no customer information in user");
        return problems;
    }
}
