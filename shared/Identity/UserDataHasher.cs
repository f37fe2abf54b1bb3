using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Identity;

/// <summary>Normalizes and hashes identifiers at the edge, once per platform rule set.</summary>
public static class UserDataHasher
{
    /// <param name="defaultRegion">ISO-3166 alpha-2 used to read phone numbers written without a country code.</param>
    public static HashedUserData Hash(RawUserData raw, string? defaultRegion)
    {
        // Minimal placeholder: trim + lowercase for every rule set. Replaced by per-platform normalizers.
        return new HashedUserData
        {
            Email = Variants(raw.Email),
            ExternalId = Variants(raw.ExternalId),
        };
    }

    private static HashVariants? Variants(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = new HashVariants();
        foreach (var rules in HashRules.All) v[rules] = Sha256Hex(value.Trim().ToLowerInvariant());
        return v;
    }

    public static string Sha256Hex(string normalized) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
}
