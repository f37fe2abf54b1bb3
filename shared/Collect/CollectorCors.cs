namespace Pipeline.Collect;

/// <summary>Whose pages may post hits and read the answer: the collector's own origin and the configured shop origins.</summary>
public static class CollectorCors
{
    public enum Verdict
    {
        /// <summary>No <c>Origin</c> header: not a cross-origin browser request.</summary>
        NoOrigin,
        SameOrigin,
        /// <summary>An allowed shop origin: answer with CORS headers and credentials.</summary>
        Allowed,
        Denied,
    }

    /// <param name="host">The request's <c>Host</c> (with port when not the default).</param>
    public static Verdict Decide(string? origin, string? host, IReadOnlyList<string> allowedOrigins)
    {
        if (string.IsNullOrEmpty(origin)) return Verdict.NoOrigin;
        if (allowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)) return Verdict.Allowed;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && host is not null
            && string.Equals(uri.IsDefaultPort ? uri.Host : uri.Authority, host, StringComparison.OrdinalIgnoreCase)
            ? Verdict.SameOrigin
            : Verdict.Denied;
    }

    /// <summary>The headers that let the page read the answer (the fetch path adopts the visitor id from it).</summary>
    public static void AddHeaders(IDictionary<string, string> headers, string origin)
    {
        headers["Access-Control-Allow-Origin"] = origin;
        headers["Access-Control-Allow-Credentials"] = "true";
        headers["Vary"] = "Origin";
    }
}
