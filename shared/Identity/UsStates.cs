namespace Pipeline.Identity;

/// <summary>US states, the District of Columbia and the territories with their two-letter USPS codes.</summary>
internal static class UsStates
{
    // Keys are names lowercased with spaces and punctuation removed.
    private static readonly Dictionary<string, string> CodesByName = new(StringComparer.Ordinal)
    {
        ["alabama"] = "al", ["alaska"] = "ak", ["arizona"] = "az", ["arkansas"] = "ar", ["california"] = "ca",
        ["colorado"] = "co", ["connecticut"] = "ct", ["delaware"] = "de", ["florida"] = "fl", ["georgia"] = "ga",
        ["hawaii"] = "hi", ["idaho"] = "id", ["illinois"] = "il", ["indiana"] = "in", ["iowa"] = "ia",
        ["kansas"] = "ks", ["kentucky"] = "ky", ["louisiana"] = "la", ["maine"] = "me", ["maryland"] = "md",
        ["massachusetts"] = "ma", ["michigan"] = "mi", ["minnesota"] = "mn", ["mississippi"] = "ms",
        ["missouri"] = "mo", ["montana"] = "mt", ["nebraska"] = "ne", ["nevada"] = "nv", ["newhampshire"] = "nh",
        ["newjersey"] = "nj", ["newmexico"] = "nm", ["newyork"] = "ny", ["northcarolina"] = "nc",
        ["northdakota"] = "nd", ["ohio"] = "oh", ["oklahoma"] = "ok", ["oregon"] = "or", ["pennsylvania"] = "pa",
        ["rhodeisland"] = "ri", ["southcarolina"] = "sc", ["southdakota"] = "sd", ["tennessee"] = "tn",
        ["texas"] = "tx", ["utah"] = "ut", ["vermont"] = "vt", ["virginia"] = "va", ["washington"] = "wa",
        ["westvirginia"] = "wv", ["wisconsin"] = "wi", ["wyoming"] = "wy",
        ["districtofcolumbia"] = "dc", ["washingtondc"] = "dc",
        ["americansamoa"] = "as", ["guam"] = "gu", ["northernmarianaislands"] = "mp", ["puertorico"] = "pr",
        ["virginislands"] = "vi", ["usvirginislands"] = "vi", ["unitedstatesvirginislands"] = "vi",
        ["armedforcesamericas"] = "aa", ["armedforceseurope"] = "ae", ["armedforcespacific"] = "ap",
    };

    private static readonly HashSet<string> Codes = new(CodesByName.Values, StringComparer.Ordinal);

    /// <summary>The lowercase two-letter code for a code or a name (<c>CA</c>, <c>California</c>, <c>US-CA</c>), else null.</summary>
    public static string? Code(string value)
    {
        var letters = UnicodeText.ToLower(UnicodeText.KeepLettersAndDigits(value));
        // ISO 3166-2 subdivision codes carry the country: US-CA.
        if (letters.Length == 4 && letters.StartsWith("us", StringComparison.Ordinal)) letters = letters[2..];
        if (letters.Length == 2) return Codes.Contains(letters) ? letters : null;
        return CodesByName.GetValueOrDefault(letters);
    }
}
