using System.Globalization;

namespace Pipeline.Collect;

/// <summary>Reads what the platforms' own cookies say: GA client and session ids, and when a click was first stored.</summary>
public static class PlatformCookies
{
    /// <summary><c>GA1.1.123456789.1712345678</c> → <c>123456789.1712345678</c> (GA4's <c>client_id</c>).</summary>
    public static string? GaClientId(string? ga)
    {
        var parts = ga?.Split('.');
        if (parts is not { Length: 4 } || !parts[0].StartsWith("GA", StringComparison.Ordinal)) return null;
        return IsDigits(parts[2], 20) && IsDigits(parts[3], 20) ? $"{parts[2]}.{parts[3]}" : null;
    }

    /// <summary>
    /// The session id in a GA4 property cookie (<c>_ga_XXXX</c>): <c>GS1.1.{session}.…</c> or
    /// <c>GS2.1.s{session}$o1$g1…</c>.
    /// </summary>
    public static string? GaSessionId(string? gaProperty)
    {
        var parts = gaProperty?.Split('.');
        if (parts is not { Length: >= 3 }) return null;
        var session = parts[0] switch
        {
            "GS1" => parts[2],
            "GS2" when parts[2].StartsWith('s') => parts[2][1..].Split('$')[0],
            _ => null,
        };
        return session is not null && IsDigits(session, 20) ? session : null;
    }

    /// <summary>The creation time (Unix ms) of an <c>_fbc</c> built for this very fbclid, else null.</summary>
    public static long? FbcCreatedMs(string? fbc, string fbclid)
    {
        var parts = fbc?.Split('.');
        if (parts is not { Length: 4 or 5 } || parts[3] != fbclid) return null;
        return long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : null;
    }

    /// <summary>The time (Unix ms) Google's tag stored this gclid in <c>_gcl_aw</c> (<c>GCL.{seconds}.{gclid}</c>), else null.</summary>
    public static long? GclidStoredMs(string? gclAw, string gclid)
    {
        var parts = gclAw?.Split('.', 3);
        if (parts is not { Length: 3 } || parts[0] != "GCL" || parts[2] != gclid) return null;
        return long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s < 100_000_000_000
            ? s * 1000 : null;
    }

    /// <summary>Meta's rule for an fbc built server-side: subdomain index 1.</summary>
    public static string BuildFbc(long createdMs, string fbclid) =>
        string.Create(CultureInfo.InvariantCulture, $"fb.1.{createdMs}.{fbclid}");

    private static bool IsDigits(string value, int maxLength) =>
        value.Length is > 0 && value.Length <= maxLength && value.All(char.IsAsciiDigit);
}
