using Microsoft.AspNetCore.Http;

namespace Pipeline.Collect;

/// <summary>
/// The request's cookies exactly as sent. ASP.NET Core's cookie collection percent-decodes values, which would change
/// an fbclid inside <c>_fbc</c>; platforms need the bytes their tag wrote.
/// </summary>
public static class RequestCookies
{
    /// <summary>Cookie names to values, first occurrence winning (the browser sends the most specific path first).</summary>
    public static IReadOnlyDictionary<string, string> Read(HttpRequest request) => 
        // HTTP/2 may send each cookie in a header field of its own.
        Parse(string.Join("; ", request.Headers.Cookie.Where(v => v is not null)));

    public static IReadOnlyDictionary<string, string> Parse(string? header)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(header)) return cookies;
        foreach (var pair in header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0) continue;
            var value = pair[(equals + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            cookies.TryAdd(pair[..equals].Trim(), value);
        }
        return cookies;
    }
}
