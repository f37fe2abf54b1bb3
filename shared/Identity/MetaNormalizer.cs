using System.Globalization;

namespace Pipeline.Identity;

/// <summary>
/// Meta Conversions API <c>user_data</c> normalization (Meta's documented rules, details from its
/// <c>capi-param-builder</c> reference implementation). Each method returns the value to hash, or null when the
/// value is invalid and must not be sent.
/// </summary>
public static class MetaNormalizer
{
    private const string UnitedStates = "us";
    private const int UsZipLength = 5;

    /// <summary><c>em</c>: trimmed, lowercase, and shaped like an e-mail address.</summary>
    public static string? Email(string value)
    {
        var email = UnicodeText.ToLower(UnicodeText.Trim(value));
        return EmailAddress.IsValid(email) ? email : null;
    }

    /// <summary><c>ph</c>: digits only with the country code, no '+' and no leading zeros (<c>16505551212</c>).</summary>
    /// <param name="defaultRegion">ISO-3166 alpha-2 used when the number has no country code.</param>
    public static string? Phone(string value, string? defaultRegion) =>
        PhoneNumberParser.ToE164(value, defaultRegion)?.TrimStart('+');

    /// <summary><c>fn</c>: lowercase, no spaces or punctuation, letters of every script kept (<c>Valéry</c> → <c>valéry</c>).</summary>
    public static string? FirstName(string value) => LettersAndDigits(value);

    /// <summary><c>ln</c>: as <see cref="FirstName"/>.</summary>
    public static string? LastName(string value) => LettersAndDigits(value);

    /// <summary>
    /// <c>ct</c>: lowercase, no spaces or punctuation (<c>New York</c> → <c>newyork</c>); dropped when it is only
    /// digits or starts with one (<c>75001 Paris</c> is a postal code typed into the city).
    /// </summary>
    public static string? City(string value) => NotLeadingDigit(LettersAndDigits(value));

    /// <summary>
    /// <c>st</c>: in the US the two-letter code in lowercase (names and <c>US-CA</c> read too; anything else is
    /// dropped); in Canada province names read as their codes (<c>Ontario</c> → <c>on</c>); elsewhere lowercase
    /// without spaces or punctuation, an ISO 3166-2 country prefix removed. Dropped when it is only digits or starts
    /// with one.
    /// </summary>
    /// <param name="region">
    /// The address's country, else the shop's default region (the one the phone is read in), any form
    /// <see cref="Country"/> reads; null when unknown.
    /// </param>
    public static string? State(string value, string? region)
    {
        var countryCode = CountryCodes.Normalize(region);
        if (RegionNames.TryListedCode(value, countryCode, out var code)) return code;
        return NotLeadingDigit(LettersAndDigits(RegionNames.WithoutCountryPrefix(value, countryCode)));
    }

    /// <summary>
    /// <c>zp</c>: lowercase without spaces or dashes; in the US the first five digits (<c>94025-1234</c> →
    /// <c>94025</c>). A ZIP+4 shaped value with no country is read as a US ZIP code.
    /// </summary>
    /// <param name="region">The address's country, else the shop's default region; null when unknown.</param>
    public static string? Zip(string value, string? region)
    {
        var trimmed = UnicodeText.Trim(value);
        var countryCode = CountryCodes.Normalize(region);
        if (countryCode == UnitedStates || (countryCode is null && LooksLikeZipPlus4(trimmed)))
        {
            if (!trimmed.All(c => char.IsAsciiDigit(c) || c is '-' || char.IsWhiteSpace(c))) return null;
            var digits = UnicodeText.DigitsOnly(trimmed);
            return digits.Length >= UsZipLength ? digits[..UsZipLength] : null;
        }

        var zip = UnicodeText.ToLower(new string(UnicodeText.RemoveWhiteSpace(trimmed)
            .Where(c => char.GetUnicodeCategory(c) != UnicodeCategory.DashPunctuation).ToArray()));
        return zip.Length >= 2 && zip.Any(char.IsLetterOrDigit) ? zip : null;
    }

    /// <summary>
    /// <c>country</c>: ISO-3166-1 alpha-2 in lowercase (<c>UK</c> → <c>gb</c>, <c>United States</c> → <c>us</c>,
    /// <c>Allemagne</c> → <c>de</c>); unknown codes and names are dropped.
    /// </summary>
    public static string? Country(string value) => CountryCodes.Normalize(value);

    /// <summary>
    /// <c>ge</c>: <c>f</c> or <c>m</c>, read from the words Meta's reference implementation reads: f/m,
    /// female/male, woman/man, titles (<c>Mr</c>, <c>Mrs</c>, <c>Ms</c>, <c>Miss</c>, <c>Sir</c>), pronouns
    /// (<c>he</c>, <c>she</c>) and the common words for a man or a woman; a trailing '.' (<c>Mrs.</c>) is ignored.
    /// </summary>
    public static string? Gender(string value) => GenderWords.Letter(value);

    /// <summary>
    /// <c>db</c>: <c>YYYYMMDD</c>, not after <paramref name="today"/>; see <see cref="DateOfBirthParser.ToYyyyMmDd"/>
    /// for the orders read.
    /// </summary>
    public static string? DateOfBirth(string value, DateOnly today) => DateOfBirthParser.ToYyyyMmDd(value, today);

    /// <summary>
    /// <c>external_id</c>: trimmed, inner white space removed, lowercase. Lowercase because Meta's reference
    /// implementation lowercases, so the pixel and this server hash the same ID alike; shop IDs (numbers, UUIDs)
    /// do not depend on case.
    /// </summary>
    public static string? ExternalId(string value) => NonEmpty(UnicodeText.ToLower(UnicodeText.RemoveWhiteSpace(value)));

    private static string? LettersAndDigits(string value) =>
        NonEmpty(UnicodeText.ToLower(UnicodeText.KeepLettersAndDigits(value)));

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;

    private static string? NotLeadingDigit(string? value) => value is { Length: > 0 } && !char.IsDigit(value[0]) ? value : null;

    private static bool LooksLikeZipPlus4(string value) =>
        value.Length == 10 && value[5] == '-' && value.Remove(5, 1).All(char.IsAsciiDigit);
}
