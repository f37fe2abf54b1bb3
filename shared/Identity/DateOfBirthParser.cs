using System.Text.RegularExpressions;

namespace Pipeline.Identity;

/// <summary>Reads a date of birth written in the common orders into <c>YYYYMMDD</c>.</summary>
internal static partial class DateOfBirthParser
{
    private const int EarliestYear = 1900;
    private const int MaxMonth = 12;

    /// <summary>
    /// <c>YYYYMMDD</c>, or null when the value holds no real calendar date between 1900 and
    /// <paramref name="today"/>. The first three numbers are read, so a date inside surrounding text
    /// (<c>Born on 17/05/1990 at 10:30</c>) or an ISO timestamp counts; a lone eight-digit number is
    /// <c>YYYYMMDD</c>. Year first reads month then day, unless the month is impossible and only
    /// year-day-month makes sense (<c>1990-17-05</c>). Year last reads month first (<c>05/06/1990</c> is 6 May)
    /// unless the first number cannot be a month (<c>17/05/1990</c>), as Meta's reference implementation does.
    /// Two-digit years are dropped: their century is a guess.
    /// </summary>
    public static string? ToYyyyMmDd(string value, DateOnly today)
    {
        var groups = DigitGroups().Matches(UnicodeText.Trim(value)).Select(m => m.Value).ToArray();
        if (groups.Length == 1 && groups[0].Length == 8)
            return Format(groups[0][..4], groups[0][4..6], groups[0][6..], today);
        if (groups.Length < 3) return null;

        var (a, b, c) = (groups[0], groups[1], groups[2]);
        if (a.Length == 4)
            return IsImpossibleMonth(b) && !IsImpossibleMonth(c) ? Format(a, c, b, today) : Format(a, b, c, today);
        if (c.Length == 4 && a.Length <= 2)
            return IsImpossibleMonth(a) ? Format(c, b, a, today) : Format(c, a, b, today);
        return null;
    }

    private static bool IsImpossibleMonth(string number) => number.Length > 2 || int.Parse(number) > MaxMonth;

    private static string? Format(string year, string month, string day, DateOnly today)
    {
        if (year.Length != 4 || month.Length > 2 || day.Length > 2) return null;
        var (y, m, d) = (int.Parse(year), int.Parse(month), int.Parse(day));
        if (y < EarliestYear || y > today.Year || m is < 1 or > MaxMonth || d < 1 || d > DateTime.DaysInMonth(y, m)) return null;
        if (new DateOnly(y, m, d) > today) return null;
        return $"{y:D4}{m:D2}{d:D2}";
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex DigitGroups();
}
