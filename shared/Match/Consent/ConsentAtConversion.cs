using Pipeline.Events;
using Pipeline.Match.Graph;

namespace Pipeline.Match.Consent;

/// <summary>Which consent applies to a conversion: the event's own, else the one the visitor gave before it.</summary>
public static class ConsentAtConversion
{
    /// <summary>The consent to apply and a note saying where it came from.</summary>
    /// <param name="tolerance">How long after the conversion a recorded consent still counts as given at conversion time.</param>
    public static (ConsentState? State, string Note) Find(
        ConsentState? eventConsent, string? visitorId, VisitorProfile? visitor, long conversionTime, TimeSpan tolerance)
    {
        if (eventConsent is not null) return (eventConsent, "consent carried by the event");
        if (visitor?.Consent is not { } recorded) return (null, "no consent recorded");

        var conversion = DateTimeOffset.FromUnixTimeSeconds(conversionTime);
        var at = visitor.ConsentAt ?? (recorded.Time is { } t ? DateTimeOffset.FromUnixTimeSeconds(t) : null);
        if (at is null || at <= conversion + tolerance) return (recorded, $"consent recorded by visitor {visitorId}");

        // Only the latest consent is kept. A later denial is a withdrawal, honoured for what has not been sent yet;
        // a later grant says nothing about the moment of conversion.
        return DeniesAds(recorded)
            ? (recorded, $"visitor {visitorId} withdrew consent after the conversion")
            : (null, $"visitor {visitorId} recorded consent only after the conversion; treated as unknown");
    }

    private static bool DeniesAds(ConsentState s) =>
        IsDenied(s.AdStorage) || IsDenied(s.AdUserData) || IsDenied(s.AnalyticsStorage) || s.SaleOfDataOptOut == true;

    private static bool IsDenied(string? v) => string.Equals(v?.Trim(), "denied", StringComparison.OrdinalIgnoreCase);
}
