using System.Globalization;

namespace Pipeline.Collect;

/// <summary>The collector's own cookies: the HttpOnly visitor id and the state digests.</summary>
public static class CollectorCookies
{
    /// <summary>
    /// <c>name=value; Max-Age; Path=/; [Domain;] Secure; HttpOnly; SameSite=Lax</c>. Always Secure: browsers refuse it
    /// on plain http other than localhost, where the snippet's <c>_pvid</c> mirror carries the id instead.
    /// </summary>
    public static string Build(string name, string value, CollectorOptions options)
    {
        var maxAge = (long)Math.Max(1, options.CookieMaxAgeDays) * 86_400;
        var domain = string.IsNullOrWhiteSpace(options.CookieDomain) ? "" : $"; Domain={options.CookieDomain.Trim()}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{name}={value}; Max-Age={maxAge}; Path=/{domain}; Secure; HttpOnly; SameSite=Lax");
    }

    /// <summary>A visitor id as the snippet and the collector write them; anything else is ignored.</summary>
    public static bool IsVisitorId(string? value) =>
        value is { Length: >= HitLimits.MinVisitorIdLength and <= HitLimits.MaxVisitorIdLength }
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
