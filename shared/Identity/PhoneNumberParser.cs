using PhoneNumbers;

namespace Pipeline.Identity;

/// <summary>Reads a phone number into E.164 (<c>+16505551212</c>) with libphonenumber.</summary>
internal static class PhoneNumberParser
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    // The two international call prefixes that cover most of the world: 00 (ITU's recommendation) and 011 (NANP).
    private static readonly string[] InternationalPrefixes = ["00", "011"];

    /// <summary>
    /// The E.164 form, or null when libphonenumber cannot read a possible number. A number written with '+', '+00'
    /// or an international prefix (<c>00</c>, <c>011</c>) keeps its own country code; one without uses
    /// <paramref name="region"/> (ISO-3166 alpha-2 or a country name). '_' separates digits like a space.
    /// </summary>
    public static string? ToE164(string value, string? region)
    {
        var trimmed = UnicodeText.Trim(value).Replace('_', ' ');
        if (trimmed.Length == 0) return null;
        var digits = UnicodeText.DigitsOnly(trimmed);

        // "+00 44 …", "+011 44 …": the prefix typed twice.
        if (trimmed.StartsWith('+') && digits.StartsWith('0')) return International(StripPrefix(digits));

        // A prefix the region does not use (00 typed in the US, 011 in Germany) still starts an international
        // number. Such a number must be valid, not merely possible, in one reading or the other, because a national
        // number may start with 0 too (011 is Buenos Aires' area code).
        var startsWithPrefix = !trimmed.StartsWith('+') && InternationalPrefixes.Any(digits.StartsWith);
        var regionCode = CountryCodes.Normalize(region)?.ToUpperInvariant();
        if (regionCode is not null)
        {
            if (!startsWithPrefix) return Parse(trimmed, regionCode, requireValid: false);
            return Parse(trimmed, regionCode, requireValid: true)
                ?? International(StripPrefix(digits))
                ?? Parse(trimmed, regionCode, requireValid: false);
        }
        if (startsWithPrefix && International(StripPrefix(digits)) is { } international) return international;

        // Without a region only an international number can be read. Digits written without the '+' are tried as
        // one too, but must then be valid: a national number misread as international would otherwise pass.
        return Parse(trimmed, "ZZ", requireValid: false) ?? International(digits.TrimStart('0'));
    }

    private static string StripPrefix(string digits)
    {
        var prefix = InternationalPrefixes.FirstOrDefault(digits.StartsWith);
        // No country code starts with 0: zeros left after the prefix ("+00 44") are part of the prefix.
        return (prefix is null ? digits : digits[prefix.Length..]).TrimStart('0');
    }

    private static string? International(string digitsAfterPrefix) =>
        digitsAfterPrefix.Length == 0 ? null : Parse("+" + digitsAfterPrefix, "ZZ", requireValid: true);

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
