namespace Pipeline.Match;

/// <summary>
/// A webhook can overtake the visitor's last browser hit (the checkout page's hit with its consent, or the first
/// hit of a new visitor). When the event points at browser data the graph does not hold yet, a young event is put
/// back once to wait for it; an old one, or one that already waited, goes on with what there is.
/// </summary>
public static class LateData
{
    /// <summary>Why the event should wait, or null to match it now.</summary>
    /// <param name="attempts">How often it already waited.</param>
    /// <param name="consentFound">Whether any consent at conversion time was found (event or visitor).</param>
    public static string? WaitReason(VisitorResolution resolution, bool carriesVisitorIds, bool consentFound,
        long eventTime, DateTimeOffset now, int attempts, MatchOptions options)
    {
        if (attempts >= options.LateDataRetries) return null;
        if (now - DateTimeOffset.FromUnixTimeSeconds(eventTime) > TimeSpan.FromSeconds(options.LateDataMaxAgeSeconds)) return null;
        if (resolution.CarriedVisitorUnknown) return "the carried visitor id is not in the visitor graph yet";
        if (carriesVisitorIds && resolution.Primary is not null && !consentFound) return "no consent recorded for the visitor yet";
        return null;
    }
}
