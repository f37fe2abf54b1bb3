using Pipeline.Destinations.Platform;
using Pipeline.Events;

namespace Pipeline.Destinations.Meta;

/// <summary>
/// Checks an event against Meta's rules before it is built into a request: one invalid event makes Meta reject
/// the whole batch, so bad events are stopped here, one by one.
/// </summary>
public static class MetaEventValidator
{
    /// <summary>
    /// Null when the event can be sent; Skipped when it is deliberately not sent to Meta; Permanent with every
    /// problem found when Meta would reject it.
    /// </summary>
    public static DeliveryOutcome? Check(CanonicalEvent evt, DeliveryTarget target, MetaSettings settings, DateTimeOffset now) =>
        EventRefusal.Of("Meta", SkipReason(evt, target, settings), () => Validate(evt, target, settings, now));

    /// <summary>Why the event is not meant for Meta at all, or null.</summary>
    public static string? SkipReason(CanonicalEvent evt, DeliveryTarget target, MetaSettings settings)
    {
        if (MetaEventNames.Map.Resolve(evt, target) is null) return $"Meta has no event for {evt.EventName}";
        // Test events may only reach Meta's test mode, and that needs the code from Events Manager.
        if (target.Test && string.IsNullOrWhiteSpace(settings.TestEventCode)) return "test event and no Meta TestEventCode configured";
        return null;
    }

    /// <summary>Reasons Meta would reject the event; empty when it is acceptable. Never contains PII.</summary>
    public static IReadOnlyList<string> Validate(CanonicalEvent evt, DeliveryTarget target, MetaSettings settings, DateTimeOffset now)
    {
        var problems = new List<string>();
        var eventName = MetaEventNames.Map.Resolve(evt, target);

        if (!ActionSources.IsValid(evt.ActionSource)) problems.Add($"unknown action_source '{evt.ActionSource}'");

        var nowSeconds = now.ToUnixTimeSeconds();
        var maxAgeDays = evt.ActionSource == "physical_store" ? settings.PhysicalStoreMaxEventAgeDays : settings.MaxEventAgeDays;
        if (evt.EventTime > nowSeconds) problems.Add("event_time is in the future");
        else if (nowSeconds - evt.EventTime > maxAgeDays * 86_400L) problems.Add($"expired: event_time is older than {maxAgeDays} days");

        if (evt.ActionSource == "website")
        {
            if (string.IsNullOrWhiteSpace(evt.EventSourceUrl ?? settings.EventSourceUrlFallback)) problems.Add("missing event_source_url for website");
            if (string.IsNullOrWhiteSpace(evt.ClientUserAgent)) problems.Add("missing client_user_agent for website");
        }

        if (eventName == "Purchase")
        {
            if (evt.Value is null) problems.Add("Purchase without value");
            if (string.IsNullOrWhiteSpace(evt.Currency)) problems.Add("Purchase without currency");
        }
        if (evt.Currency is { } currency && !IsCurrencyCode(currency)) problems.Add("currency is not an ISO-4217 code");

        if (MetaRequestBuilder.UserData(evt).IsEmpty) problems.Add("no customer information in user_data");

        return problems;
    }

    private static bool IsCurrencyCode(string currency) => currency.Length == 3 && currency.All(char.IsAsciiLetter);
}
