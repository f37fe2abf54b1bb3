using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Identity;

/// <summary>Normalizes and hashes identifiers at the edge, once per platform rule set.</summary>
public static class UserDataHasher
{
    /// <summary>
    /// Hashes every identifier by every rule set that takes it. A value that already is a 64-hex hash is kept,
    /// lowercased, under <see cref="HashRules.PreHashed"/> only; a value no rule set accepts leaves its field null.
    /// </summary>
    /// <param name="defaultRegion">ISO-3166 alpha-2 used to read phone numbers written without a country code.</param>
    public static HashedUserData Hash(RawUserData raw, string? defaultRegion)
    {
        // The person's own country says more about their phone number than the shop's region does.
        var phoneRegion = CountryCodes.Normalize(raw.Country) ?? defaultRegion;
        return new HashedUserData
        {
            Email = Variants(raw.Email, MetaNormalizer.Email, GoogleNormalizer.Email, TikTokNormalizer.Email),
            Phone = Variants(raw.Phone,
                v => MetaNormalizer.Phone(v, phoneRegion),
                v => GoogleNormalizer.Phone(v, phoneRegion),
                v => TikTokNormalizer.Phone(v, phoneRegion)),
            FirstName = Variants(raw.FirstName, MetaNormalizer.FirstName, GoogleNormalizer.FirstName, TikTokNormalizer.FirstName),
            LastName = Variants(raw.LastName, MetaNormalizer.LastName, GoogleNormalizer.LastName, TikTokNormalizer.LastName),
            City = Variants(raw.City, MetaNormalizer.City, GoogleNormalizer.City, TikTokNormalizer.City),
            State = Variants(raw.State,
                v => MetaNormalizer.State(v, raw.Country),
                v => GoogleNormalizer.State(v, raw.Country),
                v => TikTokNormalizer.State(v, raw.Country)),
            Zip = Variants(raw.Zip,
                v => MetaNormalizer.Zip(v, raw.Country),
                v => GoogleNormalizer.Zip(v, raw.Country),
                v => TikTokNormalizer.Zip(v, raw.Country)),
            Country = Variants(raw.Country, MetaNormalizer.Country, GoogleNormalizer.Country, TikTokNormalizer.Country),
            Gender = Variants(raw.Gender, MetaNormalizer.Gender, GoogleNormalizer.Gender, TikTokNormalizer.Gender),
            DateOfBirth = Variants(raw.DateOfBirth, MetaNormalizer.DateOfBirth, GoogleNormalizer.DateOfBirth, TikTokNormalizer.DateOfBirth),
            ExternalId = Variants(raw.ExternalId, MetaNormalizer.ExternalId, GoogleNormalizer.ExternalId, TikTokNormalizer.ExternalId),
        };
    }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 bytes (no BOM) of an already normalized value.</summary>
    public static string Sha256Hex(string normalized) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));

    private static HashVariants? Variants(
        string? value, Func<string, string?> meta, Func<string, string?> google, Func<string, string?> tikTok)
    {
        if (value is null) return null;
        if (PreHashedValue.TryRead(value, out var preHashed)) return new HashVariants { [HashRules.PreHashed] = preHashed };

        var variants = new HashVariants();
        Add(variants, HashRules.Meta, meta(value));
        Add(variants, HashRules.Google, google(value));
        Add(variants, HashRules.TikTok, tikTok(value));
        return variants.Count == 0 ? null : variants;
    }

    private static void Add(HashVariants variants, string rules, string? normalized)
    {
        if (normalized is not null) variants[rules] = Sha256Hex(normalized);
    }
}
