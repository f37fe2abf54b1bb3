namespace Pipeline.Ledger;

/// <summary>The comma-separated list of ingest sources kept on a <c>~match</c> row.</summary>
public static class LedgerSources
{
    /// <summary>Sources that are the shop's own server (as opposed to the browser).</summary>
    public static readonly IReadOnlySet<string> Server = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "shopify", "stripe", "api" };

    public const string Browser = "browser";

    public static IReadOnlyList<string> Parse(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The list with <paramref name="source"/> added once, in arrival order.</summary>
    public static string Add(string? list, string source)
    {
        var items = Parse(list).ToList();
        if (!items.Contains(source, StringComparer.OrdinalIgnoreCase)) items.Add(source);
        return string.Join(',', items);
    }
}
