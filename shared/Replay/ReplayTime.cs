using System.Globalization;

namespace Pipeline.Replay;

/// <summary>Reads the times of a replay filter: an ISO-8601 date (midnight UTC) or date and time (UTC unless an offset is given).</summary>
public static class ReplayTime
{
    private static readonly string[] DateOnly = ["yyyy-MM-dd"];

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (DateTimeOffset.TryParseExact(text, DateOnly, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)) return true;
        // Only the round-trip shape: "11/01/2026" means different days in different places.
        return text.Length >= 16 && text[4] == '-' && text[10] is 'T' or ' '
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
