namespace Pipeline.Identity;

/// <summary>
/// TikTok Events API 2.0 <c>user</c> normalization. TikTok documents hashed e-mail, phone and external ID only, so
/// the other fields keep no TikTok variant. Each method returns the value to hash, or null when the value is
/// invalid or TikTok takes no hash of it.
/// </summary>
public static class TikTokNormalizer
{
    /// <summary>
    /// Trimmed and lowercase, and shaped like an e-mail address; gmail dots are kept
    /// (<c>" ALICE_abc@gmail.com "</c> → <c>alice_abc@gmail.com</c>).
    /// </summary>
    public static string? Email(string value)
    {
        var email = UnicodeText.ToLower(UnicodeText.Trim(value));
        return EmailAddress.IsValid(email) ? email : null;
    }

    /// <summary>E.164 with '+' (<c>(+1)2133734253</c> → <c>+12133734253</c>).</summary>
    /// <param name="defaultRegion">ISO-3166 alpha-2 used when the number has no country code.</param>
    public static string? Phone(string value, string? defaultRegion) => PhoneNumberParser.ToE164(value, defaultRegion);

    /// <summary>Trimmed, case kept: TikTok asks for the ID as the advertiser holds it.</summary>
    public static string? ExternalId(string value)
    {
        var trimmed = UnicodeText.Trim(value);
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>Not in TikTok's documented user fields: no hashed variant.</summary>
    public static string? FirstName(string value) => null;

    /// <summary>Not in TikTok's documented user fields: no hashed variant.</summary>
    public static string? LastName(string value) => null;

    /// <summary>Not in TikTok's documented user fields: no hashed variant.</summary>
    public static string? City(string value) => null;

    /// <summary>Not in TikTok's documented user fields: no hashed variant.</summary>
    public static string? State(string value, string? country) => null;

    /// <summary>Not in TikTok's documented user fields: no hashed variant.</summary>
    public static string? Zip(string value, string? country) => null;

    /// <summary>Not in TikTok's documented user fields: no hashed variant.</summary>
    public static string? Country(string value) => null;

    /// <summary>Not in TikTok's documented user fields: no hashed variant.</summary>
    public static string? Gender(string value) => null;

    /// <summary>Not in TikTok's documented user fields: no hashed variant.</summary>
    public static string? DateOfBirth(string value) => null;
}
