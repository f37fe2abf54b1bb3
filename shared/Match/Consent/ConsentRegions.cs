namespace Pipeline.Match.Consent;

/// <summary>The regions whose consent rules differ, and the countries shipped in each.</summary>
public static class ConsentRegions
{
    public const string Eea = "EEA";
    public const string Uk = "UK";
    public const string Switzerland = "CH";
    public const string Us = "US";
    public const string Other = "OTHER";

    /// <summary>The 27 EU member states plus Iceland, Liechtenstein and Norway.</summary>
    public static readonly IReadOnlyList<string> EeaCountries =
    [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
        "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    ];

    /// <summary>The United Kingdom and the Crown Dependencies, whose consent rules follow it.</summary>
    public static readonly IReadOnlyList<string> UkCountries = ["GB", "GG", "JE", "IM"];

    /// <summary>Country → region as shipped; <c>Pipeline:Consent:Regions:{country}</c> settings override it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = BuildDefaults();

    /// <summary>What unknown consent means per region as shipped: deny where consent is opt-in, allow elsewhere.</summary>
    public static readonly IReadOnlyDictionary<string, string> UnknownDefaults = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [Eea] = ConsentOptions.Deny,
        [Uk] = ConsentOptions.Deny,
        [Switzerland] = ConsentOptions.Deny,
        [Us] = ConsentOptions.Allow,
        [Other] = ConsentOptions.Allow,
    };

    private static Dictionary<string, string> BuildDefaults()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in EeaCountries) map[c] = Eea;
        foreach (var c in UkCountries) map[c] = Uk;
        map["CH"] = Switzerland;
        map["US"] = Us;
        return map;
    }
}
