using System.Globalization;
using System.Text;

namespace Pipeline.Identity;

/// <summary>
/// Google Ads enhanced conversions and GA4 user-provided data normalization (one algorithm for both, as Google
/// documents). Google takes e-mail, phone, first name, last name and street hashed, and city, region, postal code
/// and country unhashed: <see cref="Email"/> to <see cref="Street"/> return the value to hash; <see cref="City"/>
/// to <see cref="Country"/> return the value Google receives as it is. Every method returns null when the value is
/// invalid or Google takes no such field.
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

    /// <summary>
    /// To hash: digits and symbols removed, lowercase, trimmed, inner spaces collapsed to one
    /// (<c>  O'Brien 2 </c> → <c>obrien</c>); dropped when no letter is left.
    /// </summary>
    public static string? FirstName(string value) => WithLetter(Words(value, keepDigits: false));

    /// <summary>As <see cref="FirstName"/>.</summary>
    public static string? LastName(string value) => WithLetter(Words(value, keepDigits: false));

    /// <summary>
    /// To hash: symbols removed, digits kept, lowercase, trimmed, inner spaces collapsed
    /// (<c>1600 Amphitheatre Pkwy.</c> → <c>1600 amphitheatre pkwy</c>); dropped when nothing is left.
    /// </summary>
    public static string? Street(string value) => NonEmpty(Words(value, keepDigits: true));

    /// <summary>Unhashed: digits and symbols removed, lowercase, trimmed (<c>Mountain View</c> → <c>mountain view</c>).</summary>
    public static string? City(string value) => WithLetter(Words(value, keepDigits: false));

    /// <summary>
    /// Unhashed region: in the US the two-letter state code (<c>California</c> → <c>ca</c>), in Canada the province
    /// code (<c>Québec</c> → <c>qc</c>); elsewhere digits and
    /// symbols removed, lowercase, trimmed, an ISO 3166-2 country prefix removed (<c>DE-BY</c> → <c>by</c>).
    /// </summary>
    /// <param name="region">The address's country, else the shop's default region; null when unknown.</param>
    public static string? State(string value, string? region)
    {
        var countryCode = CountryCodes.Normalize(region);
        if (RegionNames.TryListedCode(value, countryCode, out var code)) return code;
        return WithLetter(Words(RegionNames.WithoutCountryPrefix(value, countryCode), keepDigits: false));
    }

    /// <summary>Unhashed postal code: trimmed, '.' and '~' removed, as Google asks (<c>SW1A 1AA</c> stays).</summary>
    public static string? Zip(string value, string? region)
    {
        var zip = UnicodeText.Trim(UnicodeText.Trim(value).Replace(".", "", StringComparison.Ordinal).Replace("~", "", StringComparison.Ordinal));
        return zip.Any(char.IsLetterOrDigit) ? zip : null;
    }

    /// <summary>Unhashed ISO-3166-1 alpha-2 country code in uppercase (<c>United States</c> → <c>US</c>).</summary>
    public static string? Country(string value) => CountryCodes.Normalize(value)?.ToUpperInvariant();

    /// <summary>Google takes no gender.</summary>
    public static string? Gender(string value) => null;

    /// <summary>Google takes no date of birth.</summary>
    public static string? DateOfBirth(string value) => null;

    /// <summary>Google Ads takes no external ID and GA4's <c>user_id</c> is not hashed: no hashed variant.</summary>
    public static string? ExternalId(string value) => null;

    // Letters (any script) and, when asked, digits, in lowercase; every run of anything else that separates
    // words becomes one space, symbols and punctuation inside a word vanish ("O'Brien" → "obrien").
    private static string Words(string value, bool keepDigits)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var rune in UnicodeText.ToLower(UnicodeText.Trim(value)).EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune)) { pendingSpace = builder.Length > 0; continue; }
            if (!IsKept(rune, keepDigits)) continue;
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(rune.ToString());
        }
        return builder.ToString();
    }

    private static bool IsKept(Rune rune, bool keepDigits) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => true,
        UnicodeCategory.DecimalDigitNumber => keepDigits,
        _ => false,
    };

    private static string? WithLetter(string value) => value.Any(char.IsLetter) ? value : null;

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;
}
