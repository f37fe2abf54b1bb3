using System.Globalization;

namespace Pipeline.Sources;

/// <summary>ISO-8601 timestamps as vendors write them, to Unix seconds.</summary>
internal static class Timestamps
{
    /// <summary>
    /// Parses <c>2026-10-05T09:12:45-04:00</c> and also nine fractional digits (Shopify's <c>X-Shopify-Triggered-At</c>),
    /// which .NET's parser does not take: digits past the seventh are dropped.
    /// </summary>
    public static long? ToUnixSeconds(string? iso)
    {
        if (string.IsNullOrWhiteSpace(iso)) return null;
        var text = TrimFraction(iso.Trim());
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed.ToUnixTimeSeconds()
            : null;
    }

    private static string TrimFraction(string iso)
    {
        var dot = iso.IndexOf('.');
        if (dot < 0) return iso;
        var end = dot + 1;
        while (end < iso.Length && char.IsAsciiDigit(iso[end])) end++;
        return end - dot - 1 <= 7 ? iso : iso[..(dot + 8)] + iso[end..];
    }
}
