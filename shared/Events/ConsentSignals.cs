namespace Pipeline.Events;

/// <summary>
/// Reads a <see cref="ConsentState"/> the one way every stage does: the Consent Mode values ("granted"/"denied", any
/// case), and the ad signals a platform's consent field needs when the visitor's banner asked fewer questions.
/// </summary>
public static class ConsentSignals
{
    /// <summary>true = granted, false = denied, null = absent or not a Consent Mode value.</summary>
    public static bool? Read(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "granted" => true,
        "denied" => false,
        _ => null,
    };

    /// <summary>
    /// Whether the visitor's data may be sent to Google for advertising: <c>ad_user_data</c>, else <c>ad_storage</c>
    /// (a banner that asks one question about ads answers both), else unknown.
    /// </summary>
    public static bool? AdUserData(ConsentState? s) => Read(s?.AdUserData) ?? Read(s?.AdStorage);

    /// <summary>Whether ads may be personalized: <c>ad_personalization</c>, else <c>ad_storage</c>, else unknown.</summary>
    public static bool? AdPersonalization(ConsentState? s) => Read(s?.AdPersonalization) ?? Read(s?.AdStorage);

    /// <summary>An explicit denial of ad storage or of ad user data: no ad platform gets this visitor's conversions.</summary>
    public static bool DeniesAds(ConsentState? s) => Read(s?.AdStorage) == false || Read(s?.AdUserData) == false;

    /// <summary>Google's wire value (<c>GRANTED</c>/<c>DENIED</c>) of a signal, or null when unknown.</summary>
    public static string? GoogleValue(bool? signal) => signal switch
    {
        true => "GRANTED",
        false => "DENIED",
        null => null,
    };

    /// <summary>
    /// Two sources' consent for one conversion as one: a denial in either wins, otherwise the first's value, else the
    /// second's. A "yes" from one source never overrides a "no" from another.
    /// </summary>
    public static ConsentState Merge(ConsentState first, ConsentState second) => new()
    {
        AdStorage = Pick(first.AdStorage, second.AdStorage),
        AnalyticsStorage = Pick(first.AnalyticsStorage, second.AnalyticsStorage),
        AdUserData = Pick(first.AdUserData, second.AdUserData),
        AdPersonalization = Pick(first.AdPersonalization, second.AdPersonalization),
        SaleOfDataOptOut = first.SaleOfDataOptOut == true || second.SaleOfDataOptOut == true
            ? true
            : first.SaleOfDataOptOut ?? second.SaleOfDataOptOut,
        Time = first.Time ?? second.Time,
    };

    private static string? Pick(string? first, string? second) =>
        Read(first) == false || Read(second) == false ? "denied"
        : Read(first) is not null ? first!.Trim().ToLowerInvariant()
        : Read(second) is not null ? second!.Trim().ToLowerInvariant()
        : null;
}
