namespace Pipeline.Identity;

/// <summary>
/// Google Ads enhanced conversions and GA4 user-provided data normalization. Google takes hashed e-mail, phone and
/// names only; address parts other than the street are sent unhashed, so no hashed variant is kept for them.
/// Each method returns the value to hash, or null when the value is invalid or Google takes no hash of it.
/// </summary>
public static class GoogleNormalizer
{
    private static readonly string[] GmailDomains = ["gmail.com", "googlemail.com"];

    /// <summary>
    /// Trimmed, lowercase, inner spaces removed; for gmail.com and googlemail.com every '.' before the '@' and any
    /// '+tag' removed (<c>DanaM@example.com</c> → <c>danam@example.com</c>).
    /// </summary>
    public static string? Email(string value)
    {
        var email = UnicodeText.ToLower(UnicodeText.RemoveWhiteSpace(value));
        if (!EmailAddress.IsValid(email)) return null;

        var at = email.IndexOf('@');
        var (local, domain) = (email[..at], email[(at + 1)..]);
        if (!GmailDomains.Contains(domain)) return email;

        var plus = local.IndexOf('+');
        if (plus >= 0) local = local[..plus];
        local = local.Replace(".", "", StringComparison.Ordinal);
        return local.Length == 0 ? null : $"{local}@{domain}";
    }

    /// <summary>E.164 with '+' (<c>+1-800-555-0100</c> → <c>+18005550100</c>).</summary>
    /// <param name="defaultRegion">ISO-3166 alpha-2 used when the number has no country code.</param>
    public static string? Phone(string value, string? defaultRegion) => PhoneNumberParser.ToE164(value, defaultRegion);

    /// <summary>Lowercase and trimmed; dropped when it holds no letter.</summary>
    public static string? FirstName(string value) => Name(value);

    /// <summary>Lowercase and trimmed; dropped when it holds no letter.</summary>
    public static string? LastName(string value) => Name(value);

    /// <summary>Google takes the city unhashed: no hashed variant.</summary>
    public static string? City(string value) => null;

    /// <summary>Google takes the region unhashed: no hashed variant.</summary>
    public static string? State(string value, string? country) => null;

    /// <summary>Google takes the postal code unhashed: no hashed variant.</summary>
    public static string? Zip(string value, string? country) => null;

    /// <summary>Google takes the country code unhashed: no hashed variant.</summary>
    public static string? Country(string value) => null;

    /// <summary>Google takes no gender.</summary>
    public static string? Gender(string value) => null;

    /// <summary>Google takes no date of birth.</summary>
    public static string? DateOfBirth(string value) => null;

    /// <summary>Google Ads takes no external ID and GA4's <c>user_id</c> is not hashed: no hashed variant.</summary>
    public static string? ExternalId(string value) => null;

    private static string? Name(string value)
    {
        var lower = UnicodeText.ToLower(UnicodeText.Trim(value));
        return lower.Any(char.IsLetter) ? lower : null;
    }
}
