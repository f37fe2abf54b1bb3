using Pipeline.Events;
using Pipeline.Match.Graph;

namespace Pipeline.Match.Consent;

/// <summary>
/// Which consent applies to a conversion: the event's own (the server API's <c>consent</c>) together with the one the
/// visitor recorded in the browser before it, a denial from either winning; a denial recorded after the conversion
/// is a withdrawal and applies too.
/// </summary>
public static class ConsentAtConversion
{
    /// <summary>The consent to apply and a note saying where it came from.</summary>
    /// <param name="tolerance">How long after the conversion a recorded consent still counts as given at conversion time.</param>
    public static (ConsentState? State, string Note) Find(
        ConsentState? eventConsent, string? visitorId, VisitorProfile? visitor, long conversionTime, TimeSpan tolerance)
    {
        var (recorded, note) = Recorded(visitorId, visitor, conversionTime, tolerance);
        if (eventConsent is null) return (recorded, note);
        if (recorded is null) return (eventConsent, "consent carried by the event");

        // The source's consent and the browser's speak of the same person: a "no" from either is honoured.
        var merged = ConsentSignals.Merge(eventConsent, recorded);
        return ConsentSignals.Merge(eventConsent, new ConsentState()) with { Time = null } == merged with { Time = null }
            ? (merged, "consent carried by the event")
            : (merged, $"consent carried by the event, with what visitor {visitorId} recorded ({note}): a denial from either is honoured");
    }

    /// <summary>The visitor's recorded consent as it stood at conversion time.</summary>
    private static (ConsentState? State, string Note) Recorded(string? visitorId, VisitorProfile? visitor, long conversionTime, TimeSpan tolerance)
    {
        if (visitor?.Consent is not { } recorded) return (null, "no consent recorded");

        var conversion = DateTimeOffset.FromUnixTimeSeconds(conversionTime);
        var at = visitor.ConsentAt ?? (recorded.Time is { } t ? DateTimeOffset.FromUnixTimeSeconds(t) : null);
        if (at is null || at <= conversion + tolerance) return (recorded, $"consent recorded by visitor {visitorId}");

        // Only the latest consent is kept. A later denial is a withdrawal, honoured for what has not been sent yet;
        // a later grant says nothing about the moment of conversion.
        return Withdraws(recorded)
            ? (recorded, $"visitor {visitorId} withdrew consent after the conversion")
            : (null, $"visitor {visitorId} recorded consent only after the conversion; treated as unknown");
    }

    private static bool Withdraws(ConsentState s) =>
        ConsentSignals.DeniesAds(s) || ConsentSignals.Read(s.AnalyticsStorage) == false || s.SaleOfDataOptOut == true;
}
