namespace Pipeline.Match.Clicks;

/// <summary>
/// Which click parameters belong to which ad platform. The matcher attaches at most one click per family: the
/// platform's destination picks its own parameter from the event.
/// </summary>
public static class ClickFamilies
{
    public const string Meta = "meta";
    public const string GoogleAds = "google_ads";

    /// <summary>Campaign Manager 360 / Display &amp; Video 360 (<c>dclid</c>): not accepted by Google Ads click uploads.</summary>
    public const string GoogleMarketingPlatform = "google_marketing_platform";
    public const string TikTok = "tiktok";
    public const string Microsoft = "microsoft";
    public const string Snapchat = "snapchat";
    public const string Pinterest = "pinterest";
    public const string Reddit = "reddit";
    public const string LinkedIn = "linkedin";
    public const string X = "x";

    /// <summary>Family → its URL parameters, case-sensitive as the platforms write them.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Params = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Meta] = ["fbclid"],
        [GoogleAds] = ["gclid", "gbraid", "wbraid"],
        // Its own family, so a later dclid never displaces the gclid a Google Ads upload needs.
        [GoogleMarketingPlatform] = ["dclid"],
        [TikTok] = ["ttclid"],
        [Microsoft] = ["msclkid"],
        [Snapchat] = ["ScCid"],
        [Pinterest] = ["epik"],
        [Reddit] = ["rdt_cid"],
        [LinkedIn] = ["li_fat_id"],
        [X] = ["twclid"],
    };

    public static IEnumerable<string> All => Params.Keys;

    private static readonly Dictionary<string, string> FamilyByParam =
        Params.SelectMany(kv => kv.Value.Select(p => (Param: p, Family: kv.Key))).ToDictionary(x => x.Param, x => x.Family, StringComparer.Ordinal);

    /// <summary>The family of a click parameter, or null for a parameter no platform here uses.</summary>
    public static string? Of(string param) => FamilyByParam.GetValueOrDefault(param);

    /// <summary>
    /// The click family whose window a destination type's own override (<c>Settings:ClickWindowDays</c>) sets; null
    /// for a destination that reads every family (outbox) or none (GA4), whose override then sets every family.
    /// </summary>
    public static string? OfDestinationType(string type) => type.ToLowerInvariant() switch
    {
        "meta" => Meta,
        "google_ads" => GoogleAds,
        "tiktok" => TikTok,
        "microsoft" => Microsoft,
        "snapchat" => Snapchat,
        "pinterest" => Pinterest,
        "reddit" => Reddit,
        "linkedin" => LinkedIn,
        "x" => X,
        _ => null,
    };
}
