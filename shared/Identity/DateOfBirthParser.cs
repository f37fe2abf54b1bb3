using System.Text.RegularExpressions;

namespace Pipeline.Identity;

/// <summary>Reads a date of birth written in the common orders into <c>YYYYMMDD</c>.</summary>
internal static partial class DateOfBirthParser
{
    private const int EarliestYear = 1900;
    private const int LatestYear = 2100;

    /// <summary>
    /// <c>YYYYMMDD</c>, or null when the value is not a real calendar date. Accepts <c>YYYYMMDD</c>, year first
    /// (<c>1990-05-17</c>, an ISO timestamp) and year last; year last reads day first only when the first number
    /// cannot be a month (<c>17/05/1990</c>), otherwise month first (<c>05/06/1990</c> is 6 May), as Meta's own
    /// reference implementation does. Two-digit years are dropped: their century is a guess.
    /// </summary>
    public static string? ToYyyyMmDd(string value)
    {
        var groups = DigitGroups().Matches(UnicodeText.Trim(value)).Select(m => m.Value).ToArray();
        if (groups.Length == 1 && groups[0].Length == 8)
            return Format(groups[0][..4], groups[0][4..6], groups[0][6..]);

        if (groups.Length >= 3 && groups[0].Length == 4)
            return Format(groups[0], groups[1], groups[2]);

        if (groups.Length == 3 && groups[2].Length == 4 && groups[0].Length <= 2)
            return int.Parse(groups[0]) > 12 ? Format(groups[2], groups[1], groups[0]) : Format(groups[2], groups[0], groups[1]);

        return null;
    }

    private static string? Format(string year, string month, string day)
    {
        if (month.Length > 2 || day.Length > 2) return null;
        var (y, m, d) = (int.Parse(year), int.Parse(month), int.Parse(day));
        if (y is < EarliestYear or > LatestYear || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return null;
        return $"{y:D4}{m:D2}{d:D2}";
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex DigitGroups();
}
