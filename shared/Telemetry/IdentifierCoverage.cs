using Pipeline.Events;

namespace Pipeline.Telemetry;

/// <summary>
/// Which match-quality inputs an event carried: the identifiers the platforms score (click id, fbc, fbp, e-mail,
/// phone, external id, IP with user agent). Flags only: never the values.
/// </summary>
public sealed record IdentifierCoverage(
    bool ClickId, bool Fbc, bool Fbp, bool Email, bool Phone, bool ExternalId, bool IpAndUserAgent)
{
    /// <summary>The identifier names, in display order, as used in metric dimensions and the ledger flags.</summary>
    public static readonly IReadOnlyList<string> Names = ["click", "fbc", "fbp", "em", "ph", "xid", "ipua"];

    public static readonly IdentifierCoverage None = new(false, false, false, false, false, false, false);

    public static IdentifierCoverage Of(CanonicalEvent evt)
    {
        var user = evt.UserData;
        return new IdentifierCoverage(
            ClickId: evt.ClickIds?.Values.Any(v => !string.IsNullOrWhiteSpace(v)) == true,
            Fbc: HasBrowserId(evt, "fbc"),
            Fbp: HasBrowserId(evt, "fbp"),
            Email: user?.Email is { Count: > 0 },
            Phone: user?.Phone is { Count: > 0 },
            ExternalId: user?.ExternalId is { Count: > 0 },
            IpAndUserAgent: !string.IsNullOrWhiteSpace(evt.ClientIpAddress) && !string.IsNullOrWhiteSpace(evt.ClientUserAgent));
    }

    /// <summary>Each identifier name with whether it was present, in <see cref="Names"/> order.</summary>
    public IEnumerable<(string Name, bool Present)> Items()
    {
        yield return ("click", ClickId);
        yield return ("fbc", Fbc);
        yield return ("fbp", Fbp);
        yield return ("em", Email);
        yield return ("ph", Phone);
        yield return ("xid", ExternalId);
        yield return ("ipua", IpAndUserAgent);
    }

    /// <summary>The present identifiers as a comma-separated list (<c>click,em,ipua</c>), as the ledger keeps them.</summary>
    public string ToFlags() => string.Join(',', Items().Where(i => i.Present).Select(i => i.Name));

    /// <summary>Reads <see cref="ToFlags"/> back; unknown names are ignored.</summary>
    public static IdentifierCoverage Parse(string? flags)
    {
        var set = (flags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new IdentifierCoverage(
            set.Contains("click"), set.Contains("fbc"), set.Contains("fbp"), set.Contains("em"),
            set.Contains("ph"), set.Contains("xid"), set.Contains("ipua"));
    }

    private static bool HasBrowserId(CanonicalEvent evt, string name) =>
        evt.BrowserIds is { } ids && ids.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v);
}
