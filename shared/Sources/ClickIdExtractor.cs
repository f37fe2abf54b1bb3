namespace Pipeline.Sources;

/// <summary>
/// Ad click ids from a URL or query string, by their exact parameter names. Values are kept exactly as written in
/// the URL (case and percent-encoding), because platforms compare them byte for byte with what they issued.
/// </summary>
public static class ClickIdExtractor
{
    /// <summary>Longer values are not click ids but noise or abuse.</summary>
    public const int MaxValueLength = 500;

    /// <summary>The parameter names read, case-sensitive as the platforms write them.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "fbclid", "gclid", "gbraid", "wbraid", "dclid", "ttclid", "msclkid", "ScCid", "epik", "rdt_cid", "li_fat_id", "twclid",
    ];

    private static readonly HashSet<string> NameSet = new(Names, StringComparer.Ordinal);

    /// <summary>Click ids found, first occurrence of each name; empty when none.</summary>
    /// <param name="urlOrQuery">An absolute or relative URL (<c>/p?gclid=…</c>) or a bare query (<c>?gclid=…</c> or <c>gclid=…</c>).</param>
    public static IReadOnlyDictionary<string, string> Extract(string? urlOrQuery)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(urlOrQuery)) return found;

        var query = urlOrQuery.AsSpan();
        var fragment = query.IndexOf('#');
        if (fragment >= 0) query = query[..fragment];
        var questionMark = query.IndexOf('?');
        if (questionMark >= 0) query = query[(questionMark + 1)..];
        else if (query.IndexOf('=') < 0 || query.IndexOf('/') >= 0) return found;

        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            if (equals <= 0) continue;
            var name = pair[..equals].ToString();
            var value = pair[(equals + 1)..];
            if (!NameSet.Contains(name) || found.ContainsKey(name) || !IsAcceptableValue(value)) continue;
            found[name] = value.ToString();
        }
        return found;
    }

    // The landing URL is the buyer's: an unusable click id is dropped, never a reason to refuse the order.
    private static bool IsAcceptableValue(ReadOnlySpan<char> value) =>
        !value.IsEmpty && value.Length <= MaxValueLength && Events.ForwardedIds.IsPrintable(value.ToString());
}
