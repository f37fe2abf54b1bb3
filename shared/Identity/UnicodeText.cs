using System.Globalization;
using System.Text;

namespace Pipeline.Identity;

/// <summary>
/// Trimming and lowercasing that give the same result as JavaScript's <c>trim</c> and <c>toLowerCase</c>, so a
/// value hashed here equals the same value hashed by a platform's browser pixel.
/// </summary>
internal static class UnicodeText
{
    private const char ByteOrderMark = '\uFEFF';
    private const char CapitalSigma = '\u03A3';
    private const string SmallFinalSigma = "\u03C2";
    private const string SmallSigma = "\u03C3";

    /// <summary>Trims white space and U+FEFF, which <see cref="string.Trim()"/> leaves in place but JavaScript removes.</summary>
    public static string Trim(string value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && IsTrimmable(value[start])) start++;
        while (end > start && IsTrimmable(value[end - 1])) end--;
        return value[start..end];
    }

    /// <summary>
    /// Unicode default lowercasing, as JavaScript does it: <see cref="string.ToLowerInvariant"/> keeps 'İ' (U+0130)
    /// and never produces the final sigma, so both are handled here; every other character uses its simple mapping.
    /// </summary>
    public static string ToLower(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        var index = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value == 0x0130) builder.Append("i\u0307");
            else if (rune.Value == CapitalSigma) builder.Append(IsFinalSigma(value, index) ? SmallFinalSigma : SmallSigma);
            else builder.Append(Rune.ToLowerInvariant(rune).ToString());
            index += rune.Utf16SequenceLength;
        }
        return builder.ToString();
    }

    /// <summary>Keeps letters (any script), combining marks and digits; drops spaces, punctuation and symbols.</summary>
    public static string KeepLettersAndDigits(string value) => Keep(value, IsLetterOrDigit);

    /// <summary>Drops every white-space character, inner ones included.</summary>
    public static string RemoveWhiteSpace(string value) => Keep(value, rune => !Rune.IsWhiteSpace(rune) && rune.Value != ByteOrderMark);

    /// <summary>Keeps only the ASCII digits 0-9.</summary>
    public static string DigitsOnly(string value) => new(value.Where(char.IsAsciiDigit).ToArray());

    private static bool IsTrimmable(char c) => char.IsWhiteSpace(c) || c == ByteOrderMark;

    private static string Keep(string value, Func<Rune, bool> keep)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
            if (keep(rune)) builder.Append(rune.ToString());
        return builder.ToString();
    }

    private static bool IsLetterOrDigit(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.DecimalDigitNumber => true,
        _ => false,
    };

    // Unicode's Final_Sigma condition: a cased letter (skipping case-ignorables) before, none after.
    private static bool IsFinalSigma(string value, int sigmaIndex)
    {
        var before = value.AsSpan(0, sigmaIndex);
        var casedBefore = false;
        while (!before.IsEmpty)
        {
            Rune.DecodeLastFromUtf16(before, out var rune, out var length);
            before = before[..^length];
            if (IsCaseIgnorable(rune)) continue;
            casedBefore = IsCased(rune);
            break;
        }
        if (!casedBefore) return false;

        var after = value.AsSpan(sigmaIndex + 1);
        while (!after.IsEmpty)
        {
            Rune.DecodeFromUtf16(after, out var rune, out var length);
            after = after[length..];
            if (IsCaseIgnorable(rune)) continue;
            return !IsCased(rune);
        }
        return true;
    }

    private static bool IsCased(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter
            or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        || Rune.ToLowerInvariant(rune) != rune || Rune.ToUpperInvariant(rune) != rune;

    private static bool IsCaseIgnorable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol => true,
        _ => rune.Value is 0x0027 or 0x002E or 0x003A or 0x00B7 or 0x0387 or 0x055F or 0x05F4 or 0x2018 or 0x2019
            or 0x2024 or 0x2027 or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A,
    };
}
