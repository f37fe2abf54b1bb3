namespace Pipeline.Destinations;

/// <summary>
/// An HTTP request a destination builds. Builders are pure: they return this, and one shared sender performs it.
/// Secret header and query values are listed so the ledger and outbox can show the request without them.
/// </summary>
public sealed record OutgoingRequest
{
    public string Method { get; init; } = "POST";
    public required string Url { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public string? Body { get; init; }
    public string ContentType { get; init; } = "application/json";

    /// <summary>Header names whose values are secrets.</summary>
    public IReadOnlyCollection<string> SecretHeaders { get; init; } = [];

    /// <summary>Query parameter names whose values are secrets (Meta access_token, GA4 api_secret).</summary>
    public IReadOnlyCollection<string> SecretQueryParameters { get; init; } = [];

    /// <summary>The same request with every secret replaced by <c>***</c>.</summary>
    public OutgoingRequest Redacted()
    {
        var headers = Headers.ToDictionary(
            h => h.Key,
            h => SecretHeaders.Contains(h.Key, StringComparer.OrdinalIgnoreCase) ? "***" : h.Value,
            StringComparer.OrdinalIgnoreCase);
        return this with { Url = RedactQuery(Url, SecretQueryParameters), Headers = headers, SecretHeaders = [], SecretQueryParameters = [] };
    }

    private static string RedactQuery(string url, IReadOnlyCollection<string> secrets)
    {
        if (secrets.Count == 0) return url;
        var q = url.IndexOf('?');
        if (q < 0) return url;
        var parts = url[(q + 1)..].Split('&').Select(p =>
        {
            var eq = p.IndexOf('=');
            var name = eq < 0 ? p : p[..eq];
            return secrets.Contains(Uri.UnescapeDataString(name), StringComparer.Ordinal) ? name + "=***" : p;
        });
        return url[..q] + "?" + string.Join('&', parts);
    }
}
