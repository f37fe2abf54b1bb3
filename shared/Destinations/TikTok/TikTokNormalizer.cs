using System.Text.RegularExpressions;
using Pipeline.Identity;

namespace Pipeline.Destinations.TikTok;

/// <summary>
/// Picks what TikTok receives from values hashed at the edge. It never hashes: a value that is not already a
/// SHA-256 hex digest is dropped rather than sent in a hashed field.
/// </summary>
public static partial class TikTokNormalizer
{
    /// <summary>The TikTok hash of an identifier, lowercased, or null when there is none.</summary>
    public static string? Hash(HashVariants? variants)
    {
        var hash = variants?.For(HashRules.TikTok)?.Trim().ToLowerInvariant();
        return hash is not null && Sha256Hex().IsMatch(hash) ? hash : null;
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();
}
