using System.Globalization;

namespace Pipeline.Destinations;

/// <summary>Reads an HTTP <c>Retry-After</c> header, in either of its two forms (seconds or an HTTP date).</summary>
public static class RetryAfterHeader
{
    /// <summary>The delay asked for, or null when the header is absent or unreadable. A date in the past is zero.</summary>
    public static TimeSpan? Read(IReadOnlyDictionary<string, string>? headers, DateTimeOffset now)
    {
        var value = headers?.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.MaxValue.TotalSeconds - 1));
        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}
