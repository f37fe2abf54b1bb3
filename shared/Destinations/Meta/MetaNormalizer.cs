using System.Text.RegularExpressions;
using Pipeline.Identity;

namespace Pipeline.Destinations.Meta;

/// <summary>
/// Picks and checks what Meta receives from values hashed or captured at the edge. It never hashes: a value that
/// is not already a SHA-256 hex digest is dropped rather than sent in a hashed field.
/// </summary>
public static partial class MetaNormalizer
{
    /// <summary>The Meta hash of an identifier as a one-element array, or null when there is none.</summary>
    public static IReadOnlyList<string>? Hashes(HashVariants? variants)
    {
        var hash = variants?.For(HashRules.Meta)?.Trim().ToLowerInvariant();
        return hash is not null && Sha256Hex().IsMatch(hash) ? [hash] : null;
    }

    /// <summary>
    /// The fbc cookie when it is well formed (<c>fb.{index}.{ms}.{fbclid}[.{appendix}]</c>), untouched; otherwise null,
    /// because a malformed fbc makes Meta reject the whole request (code 100, subcode 2804001).
    /// </summary>
    public static string? Fbc(string? fbc) => fbc is not null && CookiePattern().IsMatch(fbc) ? fbc : null;

    /// <summary>The fbp cookie when it is well formed (<c>fb.{index}.{ms}.{random}</c>), otherwise null: garbage only adds noise.</summary>
    public static string? Fbp(string? fbp) => fbp is not null && CookiePattern().IsMatch(fbp) ? fbp : null;

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();

    // fbc and fbp share one shape; Meta's own libraries may append a fifth "appendix" segment.
    [GeneratedRegex(@"^fb\.[0-9]\.[0-9]+\.[^.\s]+(\.[^.\s]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CookiePattern();
}
