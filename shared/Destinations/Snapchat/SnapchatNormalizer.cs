using System.Text.RegularExpressions;
using Pipeline.Identity;

namespace Pipeline.Destinations.Snapchat;

/// <summary>
/// Picks what Snap receives from values hashed at the edge. It never hashes: a value that is not already a SHA-256
/// hex digest is dropped rather than sent in a hashed field (Snap marks unhashed PII invalid).
/// </summary>
public static partial class SnapchatNormalizer
{
    /// <summary>
    /// The hash of an identifier as a one-element array, or null when there is none. Snap's rules (e-mail trimmed and
    /// lowercased, phone as digits with the country code and no <c>+</c>, names lowercased) are Meta's, so Meta's
    /// hashes are sent.
    /// </summary>
    public static IReadOnlyList<string>? Hashes(HashVariants? variants)
    {
        var hash = variants?.For(HashRules.Meta)?.Trim().ToLowerInvariant();
        return hash is not null && Sha256Hex().IsMatch(hash) ? [hash] : null;
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();
}
