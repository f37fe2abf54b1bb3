using System.Globalization;
using System.Text;

namespace Pipeline.Identity;

/// <summary>
/// Country names in many languages, read from the platform's globalization data (ICU), mapped to the lowercase
/// ISO-3166-1 alpha-2 code: <c>Germany</c>, <c>Deutschland</c>, <c>Allemagne</c>, <c>ドイツ</c> → <c>de</c>.
/// </summary>
/// <remarks>
/// Names come from ICU through <see cref="RegionInfo"/> (English and native names, alpha-3 codes) and
/// <see cref="CultureInfo.NativeName"/> of a language-region pair, which ICU renders as "language (region)" in
/// that language (<c>fr-DE</c> → <c>français (Allemagne)</c>). Under invariant globalization (no ICU) none of
/// this data exists and only codes would be read; a specification test fails in that case.
/// </remarks>
internal static class CountryNames
{
    // The languages buyers of online shops commonly type their country in. Each region's own languages are
    // read as well, through its native name.
    private static readonly string[] Languages =
    [
        "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "nn", "fi", "is", "pl", "cs", "sk", "hu", "ro",
        "bg", "el", "tr", "ru", "uk", "be", "sr", "hr", "bs", "sl", "mk", "sq", "lt", "lv", "et", "ga", "cy", "ca",
        "eu", "gl", "mt", "lb", "ja", "zh", "ko", "ar", "he", "fa", "hi", "bn", "ur", "th", "vi", "id", "ms", "fil",
        "sw", "af",
    ];

    // Everyday names ICU does not carry (it knows "United Kingdom", not "England"; "Czechia", not "Czech Republic").
    private static readonly (string Name, string Code)[] CommonAliases =
    [
        ("Great Britain", "gb"), ("Britain", "gb"), ("England", "gb"), ("Scotland", "gb"), ("Wales", "gb"),
        ("Northern Ireland", "gb"), ("United States of America", "us"), ("America", "us"), ("Holland", "nl"),
        ("Czech Republic", "cz"), ("Ivory Coast", "ci"), ("Burma", "mm"), ("Swaziland", "sz"), ("East Timor", "tl"),
        ("Macedonia", "mk"), ("Republic of Korea", "kr"), ("Korea", "kr"), ("Vatican", "va"), ("Russian Federation", "ru"),
        ("Viet Nam", "vn"), ("Cape Verde", "cv"), ("Turkey", "tr"), ("Türkiye", "tr"), ("UAE", "ae"),
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, string>> CodesByKey = new(Build);

    /// <summary>How many names are known; zero when the globalization data is missing.</summary>
    public static int Count => CodesByKey.Value.Count;

    /// <summary>The lowercase alpha-2 code for a country name or alpha-3 code, or null when the name is not known.</summary>
    public static string? Code(string value)
    {
        var key = Key(value);
        if (key.Length < 2) return null;
        if (CodesByKey.Value.TryGetValue(key, out var code)) return code;
        // "The Netherlands", "the Gambia": the article is not part of the name ICU stores.
        return key.StartsWith("the", StringComparison.Ordinal) && CodesByKey.Value.TryGetValue(key[3..], out code) ? code : null;
    }

    /// <summary>A name reduced to what survives every way of typing it: lowercase letters, accents removed.</summary>
    public static string Key(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var rune in UnicodeText.ToLower(value).Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            if (Rune.IsLetter(rune)) builder.Append(rune.ToString());
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static IReadOnlyDictionary<string, string> Build()
    {
        // First name in wins: English, then each region's own names, then the other languages in order, so a rare
        // collision between languages never overrides the English reading.
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        var regions = CountryCodes.AssignedCodes.Select(TryRegion).OfType<RegionInfo>().ToList();

        foreach (var region in regions)
        {
            var code = region.TwoLetterISORegionName.ToLowerInvariant();
            AddName(codes, region.EnglishName, code);
            Add(codes, region.ThreeLetterISORegionName, code);
        }
        foreach (var (name, code) in CommonAliases) AddName(codes, name, code);
        foreach (var region in regions) AddName(codes, region.NativeName, region.TwoLetterISORegionName.ToLowerInvariant());

        foreach (var language in Languages)
        {
            var languageName = TryCulture(language)?.NativeName;
            if (languageName is null) continue;
            foreach (var region in regions)
            {
                var pairName = TryCulture($"{language}-{region.TwoLetterISORegionName}")?.NativeName;
                if (pairName is null || !pairName.StartsWith(languageName, StringComparison.Ordinal)) continue;
                AddName(codes, RegionPart(pairName[languageName.Length..]), region.TwoLetterISORegionName.ToLowerInvariant());
            }
        }
        return codes;
    }

    // " (Allemagne)" or "（德国）" → the name inside the outer brackets.
    private static string RegionPart(string rest)
    {
        var trimmed = rest.Trim();
        if (trimmed.Length < 2) return "";
        return trimmed[0] is '(' or '（' && trimmed[^1] is ')' or '）' ? trimmed[1..^1] : "";
    }

    // "Myanmar (Burma)", "Myanmar [Birmanie]", "Congo - Kinshasa": the whole name and each of its parts.
    private static void AddName(Dictionary<string, string> codes, string name, string code)
    {
        Add(codes, name, code);
        foreach (var part in name.Split(['(', ')', '[', ']', '（', '）'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Add(codes, part, code);
    }

    private static void Add(Dictionary<string, string> codes, string name, string code)
    {
        var key = Key(name);
        // Two Latin letters are codes, read by CountryCodes itself; shorter keys would only collide. Two letters
        // of another script are a name (日本).
        if (key.Length > 2 || (key.Length == 2 && !key.All(char.IsAsciiLetter))) codes.TryAdd(key, code);
    }

    private static RegionInfo? TryRegion(string code)
    {
        try { return new RegionInfo(code.ToUpperInvariant()); }
        catch (ArgumentException) { return null; }
    }

    private static CultureInfo? TryCulture(string name)
    {
        // Not GetCultureInfo: that would cache thousands of language-region pairs read once.
        try { return new CultureInfo(name, useUserOverride: false); }
        catch (CultureNotFoundException) { return null; }
    }
}
