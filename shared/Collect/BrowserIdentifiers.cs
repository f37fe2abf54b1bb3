using System.Text.RegularExpressions;

namespace Pipeline.Collect;

/// <summary>The click-id URL parameters and platform cookies the snippet captures, and what a well-formed one is.</summary>
public static partial class BrowserIdentifiers
{
    /// <summary>URL parameter names, case as the platforms write them (Snapchat's is <c>ScCid</c>).</summary>
    public static readonly IReadOnlyList<string> ClickIdParameters =
        ["fbclid", "gclid", "gbraid", "wbraid", "dclid", "ttclid", "msclkid", "ScCid", "epik", "rdt_cid", "li_fat_id", "twclid"];

    public static readonly IReadOnlyList<string> Cookies =
        ["_fbc", "_fbp", "_ttp", "_gcl_aw", "_gcl_gb", "_gcl_ag", "_ga", "_scid", "_epik", "_rdt_uuid", "_uetmsclkid", "li_fat_id", "_twclid"];

    public static readonly IReadOnlyList<string> UtmKeys = ["source", "medium", "campaign", "term", "content", "id"];

    /// <summary>
    /// A click id is kept byte for byte (never re-cased, decoded or cut), so one that is too long or has characters
    /// no URL query carries raw is dropped rather than repaired.
    /// </summary>
    public static bool IsValidClickId(string value) =>
        value.Length is > 0 and <= HitLimits.MaxClickIdLength && IsPrintableAscii(value);

    /// <summary>A cookie value as the platform wrote it; <c>_fbc</c>/<c>_fbp</c> must also have Meta's shape.</summary>
    public static bool IsValidCookie(string name, string value) =>
        value.Length is > 0 and <= HitLimits.MaxCookieLength && IsPrintableAscii(value) &&
        name switch
        {
            "_fbc" => FbcFormat().IsMatch(value),
            "_fbp" => FbpFormat().IsMatch(value),
            _ => true,
        };

    /// <summary><c>fb.{subdomainIndex}.{ms}.{fbclid}</c>, optionally with Meta's 5th "appendix" segment.</summary>
    public static bool IsValidFbc(string value) => value.Length <= HitLimits.MaxCookieLength && FbcFormat().IsMatch(value);

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
            if (c is < '!' or > '~') return false;
        return true;
    }

    // A malformed fbc fails Meta's whole request (subcode 2804001): omit rather than guess.
    [GeneratedRegex(@"^fb\.[0-9]\.[0-9]{1,16}\.[!-\-/-~]{1,500}(\.[!-\-/-~]{1,100})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex FbcFormat();

    [GeneratedRegex(@"^fb\.[0-9]\.[0-9]{1,16}\.[0-9]{1,32}(\.[!-\-/-~]{1,100})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex FbpFormat();
}
