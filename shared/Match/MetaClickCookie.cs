using System.Globalization;

namespace Pipeline.Match;

/// <summary>The <c>fbc</c> value for an fbclid, built and read as Meta's own libraries do.</summary>
public static class MetaClickCookie
{
    /// <summary><c>fb.1.{creation ms}.{fbclid}</c>: subdomain index 1 when built server-side, the fbclid untouched.</summary>
    public static string Build(string fbclid, DateTimeOffset firstSeen) =>
        $"fb.1.{firstSeen.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}.{fbclid}";

    /// <summary>The creation time an fbc carries, or null when it is not in the <c>fb.N.ms.…</c> shape.</summary>
    public static DateTimeOffset? CreatedAt(string fbc)
    {
        var parts = fbc.Split('.', 4);
        if (parts.Length < 4 || parts[0] != "fb") return null;
        return long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms is > 0 and < 253402300799999
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
    }
}
