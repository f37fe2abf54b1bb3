namespace Pipeline.Identity;

/// <summary>Reads a country (code, alpha-3 code or name in many languages) as a lowercase ISO-3166-1 alpha-2 code.</summary>
internal static class CountryCodes
{
    // ISO-3166-1 alpha-2, officially assigned codes.
    private static readonly HashSet<string> Assigned = new(
        ("ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt bv bw by bz "
        + "ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et fi fj fk fm fo "
        + "fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je "
        + "jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo "
        + "mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw "
        + "py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj tk tl tm "
        + "tn to tr tt tv tw tz ua ug um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw").Split(' '),
        StringComparer.Ordinal);

    // Codes ISO reserves for the EU's own usage: the people who type them mean these countries.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["uk"] = "gb",
        ["el"] = "gr",
    };

    /// <summary>The officially assigned alpha-2 codes, lowercase.</summary>
    public static IEnumerable<string> AssignedCodes => Assigned;

    /// <summary>
    /// The lowercase alpha-2 code (<c>UK</c> → <c>gb</c>, <c>USA</c> → <c>us</c>, <c>Deutschland</c> → <c>de</c>),
    /// or null when the value is neither a known code nor a known name: junk is refused, never truncated.
    /// </summary>
    public static string? Normalize(string? value)
    {
        if (value is null) return null;
        var letters = UnicodeText.ToLower(UnicodeText.KeepLettersAndDigits(UnicodeText.Trim(value)));
        if (letters.Length == 2 && letters.All(char.IsAsciiLetterOrDigit))
        {
            if (Aliases.TryGetValue(letters, out var code)) return code;
            return Assigned.Contains(letters) ? letters : null;
        }
        return letters.Length >= 2 ? CountryNames.Code(value) : null;
    }
}
