using System.Text.Json.Serialization;

namespace Pipeline.Identity;

/// <summary>
/// Hashed identifiers of one person. Each field maps a rule set (<see cref="HashRules"/>) to the lowercase-hex
/// SHA-256 of the value normalized by that rule set. Plaintext of a person's identifiers never reaches this type;
/// only the coarse address parts Google takes unhashed do, in <see cref="GoogleAddress"/>.
/// </summary>
public sealed record HashedUserData
{
    [JsonPropertyName("em")] public HashVariants? Email { get; init; }
    [JsonPropertyName("ph")] public HashVariants? Phone { get; init; }
    [JsonPropertyName("fn")] public HashVariants? FirstName { get; init; }
    [JsonPropertyName("ln")] public HashVariants? LastName { get; init; }
    [JsonPropertyName("ct")] public HashVariants? City { get; init; }
    [JsonPropertyName("st")] public HashVariants? State { get; init; }
    [JsonPropertyName("zp")] public HashVariants? Zip { get; init; }
    [JsonPropertyName("country")] public HashVariants? Country { get; init; }
    [JsonPropertyName("ge")] public HashVariants? Gender { get; init; }
    [JsonPropertyName("db")] public HashVariants? DateOfBirth { get; init; }
    [JsonPropertyName("external_id")] public HashVariants? ExternalId { get; init; }

    /// <summary>Street and house number (Google only).</summary>
    [JsonPropertyName("street")] public HashVariants? Street { get; init; }

    /// <summary>City, region, postal code and country as Google takes them: normalized, unhashed.</summary>
    [JsonPropertyName("google_address")] public GoogleAddress? GoogleAddress { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Email is null && Phone is null && FirstName is null && LastName is null && City is null
        && State is null && Zip is null && Country is null && Gender is null && DateOfBirth is null && ExternalId is null
        && Street is null && GoogleAddress is null;
}

/// <summary>Hash of one identifier per rule set; <see cref="HashRules.PreHashed"/> when the caller sent a hash.</summary>
public sealed class HashVariants : Dictionary<string, string>
{
    public HashVariants() : base(StringComparer.Ordinal) { }

    /// <summary>The hash for a platform's rule set, or the caller's own pre-hashed value.</summary>
    public string? For(string rules) =>
        TryGetValue(rules, out var h) ? h : TryGetValue(HashRules.PreHashed, out var pre) ? pre : null;
}

/// <summary>Names of the normalization rule sets; each platform reads its own.</summary>
public static class HashRules
{
    public const string Meta = "meta";
    public const string Google = "google";
    public const string TikTok = "tiktok";

    /// <summary>The value arrived already hashed (64 hex): used as is by every platform.</summary>
    public const string PreHashed = "pre";

    public static readonly IReadOnlyList<string> All = [Meta, Google, TikTok];
}
