namespace Pipeline.Sources;

/// <summary>
/// Request headers read case-insensitively, where <c>X-Shopify-Topic</c> also finds <c>Shopify-Topic</c> (and the
/// reverse), because newer Shopify deliveries drop the <c>X-</c> prefix.
/// </summary>
public sealed class WebhookHeaders
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="headers">Name/value pairs; for a repeated header pass the first value.</param>
    public WebhookHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers) _values.TryAdd(name.Trim(), value);
    }

    /// <summary>The trimmed value, or null when absent or blank.</summary>
    public string? Get(string name)
    {
        if (TryGet(name, out var value)) return value;
        var alternative = name.StartsWith("X-", StringComparison.OrdinalIgnoreCase) ? name[2..] : "X-" + name;
        return TryGet(alternative, out value) ? value : null;
    }

    private bool TryGet(string name, out string? value)
    {
        value = _values.TryGetValue(name, out var raw) && !string.IsNullOrWhiteSpace(raw) ? raw.Trim() : null;
        return value is not null;
    }
}
