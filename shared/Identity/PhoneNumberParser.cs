using PhoneNumbers;

namespace Pipeline.Identity;

/// <summary>Reads a phone number into E.164 (<c>+16505551212</c>) with libphonenumber.</summary>
internal static class PhoneNumberParser
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// The E.164 form, or null when libphonenumber cannot read a possible number. A number written with '+' (or an
    /// international prefix the region knows, like 00) keeps its own country code; one without uses
    /// <paramref name="region"/> (ISO-3166 alpha-2, any case, 'uk' accepted).
    /// </summary>
    public static string? ToE164(string value, string? region)
    {
        var trimmed = UnicodeText.Trim(value);
        if (trimmed.Length == 0) return null;

        var regionCode = CountryCodes.Normalize(region)?.ToUpperInvariant();
        if (regionCode is not null) return Parse(trimmed, regionCode, requireValid: false);

        // Without a region only an international number can be read. Digits written without the '+' are tried as
        // one too, but must then be a valid number, not merely a possible one: a national number misread as
        // international would otherwise pass.
        return Parse(trimmed, "ZZ", requireValid: false)
            ?? Parse("+" + UnicodeText.DigitsOnly(trimmed).TrimStart('0'), "ZZ", requireValid: true);
    }

    private static string? Parse(string value, string regionCode, bool requireValid)
    {
        try
        {
            var number = Util.Parse(value, regionCode);
            var accepted = requireValid ? Util.IsValidNumber(number) : Util.IsPossibleNumber(number);
            return accepted ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
