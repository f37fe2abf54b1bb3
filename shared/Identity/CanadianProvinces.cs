namespace Pipeline.Identity;

/// <summary>Canada's provinces and territories with their two-letter postal codes, as Shopify's province_code gives them.</summary>
internal static class CanadianProvinces
{
    // Keys are names lowercased with spaces, accents and punctuation removed (CountryNames.Key); French names too.
    private static readonly Dictionary<string, string> CodesByName = new(StringComparer.Ordinal)
    {
        ["alberta"] = "ab", ["britishcolumbia"] = "bc", ["colombiebritannique"] = "bc", ["manitoba"] = "mb",
        ["newbrunswick"] = "nb", ["nouveaubrunswick"] = "nb", ["newfoundlandandlabrador"] = "nl",
        ["terreneuveetlabrador"] = "nl", ["novascotia"] = "ns", ["nouvelleecosse"] = "ns", ["ontario"] = "on",
        ["princeedwardisland"] = "pe", ["ileduprinceedouard"] = "pe", ["quebec"] = "qc", ["saskatchewan"] = "sk",
        ["northwestterritories"] = "nt", ["territoiresdunordouest"] = "nt", ["nunavut"] = "nu", ["yukon"] = "yt",
    };

    private static readonly HashSet<string> Codes = new(CodesByName.Values, StringComparer.Ordinal);

    /// <summary>The lowercase code for a code, a name or <c>CA-ON</c>; null when the value is no province.</summary>
    public static string? Code(string value)
    {
        var key = CountryNames.Key(value);
        if (key.Length == 4 && key.StartsWith("ca", StringComparison.Ordinal)) key = key[2..];
        if (key.Length == 2) return Codes.Contains(key) ? key : null;
        return CodesByName.GetValueOrDefault(key);
    }
}
