using System.Text.RegularExpressions;

namespace Pipeline.Destinations.Meta;

/// <summary>
/// Checks the cookies Meta receives as captured at the edge; the hashed identifiers are picked by
/// <see cref="Platform.HashedIdentifiers"/>.
/// </summary>
public static partial class MetaNormalizer
{
    /// <summary>
    /// The fbc cookie when it is well formed (<c>fb.{index}.{ms}.{fbclid}[.{appendix}]</c>), untouched; otherwise null,
    /// because a malformed fbc makes Meta reject the whole request (code 100, subcode 2804001).
    /// </summary>
    public static string? Fbc(string? fbc) => fbc is not null && CookiePattern().IsMatch(fbc) ? fbc : null;

    /// <summary>The fbp cookie when it is well formed (<c>fb.{index}.{ms}.{random}</c>), otherwise null: garbage only adds noise.</summary>
    public static string? Fbp(string? fbp) => fbp is not null && CookiePattern().IsMatch(fbp) ? fbp : null;

    // fbc and fbp share one shape; Meta's own libraries may append a fifth "appendix" segment.
    [GeneratedRegex(@"^fb\.[0-9]\.[0-9]+\.[^.\s]+(\.[^.\s]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CookiePattern();
}
