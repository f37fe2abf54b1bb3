namespace Pipeline.Identity;

/// <summary>
/// The one hash per identifier used to recognize a person across devices (identity table keys, matching).
/// </summary>
/// <remarks>
/// A key must come out the same wherever the identifier was hashed: from an order at ingest, or pre-hashed by the
/// browser. The Meta variant is used because Meta takes all three identifiers (Google takes no external ID) and
/// its rules are the plain, widely used ones a browser can reproduce before hashing: e-mail trimmed and lowercased
/// with no gmail rewriting, phone as digits with the country code, external ID lowercased. A caller that
/// pre-hashes (the browser snippet) must hash by the Meta rules for its keys to meet the server's; its hash is
/// then found under <see cref="HashRules.PreHashed"/>, which <see cref="HashVariants.For"/> falls back to.
/// </remarks>
public static class IdentityKeys
{
    /// <summary>The e-mail lookup key, or null when there is no usable e-mail.</summary>
    public static string? EmailKey(HashedUserData data) => data.Email?.For(HashRules.Meta);

    /// <summary>The phone lookup key, or null when there is no usable phone number.</summary>
    public static string? PhoneKey(HashedUserData data) => data.Phone?.For(HashRules.Meta);

    /// <summary>The external ID lookup key, or null when there is no usable external ID.</summary>
    public static string? ExternalIdKey(HashedUserData data) => data.ExternalId?.For(HashRules.Meta);
}
