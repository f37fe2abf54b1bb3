using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Identity;

/// <summary>Normalizes and hashes identifiers at the edge, once per platform rule set.</summary>
public static class UserDataHasher
{
    /// <summary>As <see cref="Hash(RawUserData, string?, DateTimeOffset)"/> at the system clock's time.</summary>
    public static HashedUserData Hash(RawUserData raw, string? defaultRegion) =>
        Hash(raw, defaultRegion, TimeProvider.System.GetUtcNow());

    /// <summary>As <see cref="Hash(RawUserData, string?, DateTimeOffset)"/> at <paramref name="time"/>'s now.</summary>
    public static HashedUserData Hash(RawUserData raw, string? defaultRegion, TimeProvider time) =>
        Hash(raw, defaultRegion, time.GetUtcNow());

    /// <summary>
    /// Hashes every identifier by every rule set that takes it. A value that already is a 64-hex hash is kept,
    /// lowercased, under <see cref="HashRules.PreHashed"/> only; a value no rule set accepts leaves its field null.
    /// The address parts Google takes unhashed go to <see cref="HashedUserData.GoogleAddress"/>.
    /// </summary>
    /// <param name="defaultRegion">
    /// The shop's region (ISO-3166 alpha-2 or a name), used when the person's own country is missing: the one
    /// region in which the phone, the state and the postal code are read.
    /// </param>
    /// <param name="now">The upper bound of a date of birth is today (UTC).</param>
    public static HashedUserData Hash(RawUserData raw, string? defaultRegion, DateTimeOffset now)
    {
        // The person's own country says more about their phone number and state than the shop's region does.
        var region = CountryCodes.Normalize(raw.Country) ?? CountryCodes.Normalize(defaultRegion);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return new HashedUserData
        {
            Email = Variants(raw.Email, MetaNormalizer.Email, GoogleNormalizer.Email, TikTokNormalizer.Email),
            Phone = Variants(raw.Phone,
                v => MetaNormalizer.Phone(v, region),
                v => GoogleNormalizer.Phone(v, region),
                v => TikTokNormalizer.Phone(v, region)),
            FirstName = Variants(raw.FirstName, MetaNormalizer.FirstName, GoogleNormalizer.FirstName, TikTokNormalizer.FirstName),
            LastName = Variants(raw.LastName, MetaNormalizer.LastName, GoogleNormalizer.LastName, TikTokNormalizer.LastName),
            // Google takes city, state, zip and country unhashed: they go to GoogleAddress, not to a hash.
            City = Variants(raw.City, MetaNormalizer.City, NoHash, TikTokNormalizer.City),
            State = Variants(raw.State, v => MetaNormalizer.State(v, region), NoHash, v => TikTokNormalizer.State(v, region)),
            Zip = Variants(raw.Zip, v => MetaNormalizer.Zip(v, region), NoHash, v => TikTokNormalizer.Zip(v, region)),
            Country = Variants(raw.Country, MetaNormalizer.Country, NoHash, TikTokNormalizer.Country),
            Gender = Variants(raw.Gender, MetaNormalizer.Gender, GoogleNormalizer.Gender, TikTokNormalizer.Gender),
            DateOfBirth = Variants(raw.DateOfBirth,
                v => MetaNormalizer.DateOfBirth(v, today), GoogleNormalizer.DateOfBirth, TikTokNormalizer.DateOfBirth),
            ExternalId = Variants(raw.ExternalId, MetaNormalizer.ExternalId, GoogleNormalizer.ExternalId, TikTokNormalizer.ExternalId),
            Street = Variants(raw.Street, NoHash, GoogleNormalizer.Street, NoHash),
            GoogleAddress = UnhashedForGoogle(raw, region),
        };
    }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 bytes (no BOM) of an already normalized value.</summary>
    public static string Sha256Hex(string normalized) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));

    private static string? NoHash(string value) => null;

    private static GoogleAddress? UnhashedForGoogle(RawUserData raw, string? region)
    {
        var address = new GoogleAddress
        {
            City = Plain(raw.City, GoogleNormalizer.City),
            Region = Plain(raw.State, v => GoogleNormalizer.State(v, region)),
            PostalCode = Plain(raw.Zip, v => GoogleNormalizer.Zip(v, region)),
            Country = Plain(raw.Country, GoogleNormalizer.Country),
        };
        return address.IsEmpty ? null : address;
    }

    // A value sent already hashed cannot be sent unhashed.
    private static string? Plain(string? value, Func<string, string?> normalize) =>
        value is null || PreHashedValue.TryRead(value, out _) ? null : normalize(value);

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
