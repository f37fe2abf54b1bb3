using System.Text.RegularExpressions;
using Pipeline.Identity;

namespace Pipeline.Destinations.Pinterest;

/// <summary>
/// Picks what Pinterest receives from values hashed at the edge. It never hashes: a value that is not already a
/// SHA-256 hex digest is dropped rather than sent in a hashed field.
/// </summary>
public static partial class PinterestNormalizer
{
    /// <summary>
    /// The hash of an identifier as a one-element array, or null. Pinterest's rules (e-mail lowercased, phone as digits
    /// with country code, names lowercased, gender f/m/n, birth date YYYYMMDD, ISO-2 country) are Meta's, so Meta's
    /// hash is sent: there is no rule set of Pinterest's own.
    /// </summary>
    public static IReadOnlyList<string>? Hashes(HashVariants? variants)
    {
        var hash = variants?.For(HashRules.Meta)?.Trim().ToLowerInvariant();
        return hash is not null && Sha256Hex().IsMatch(hash) ? [hash] : null;
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();
}
