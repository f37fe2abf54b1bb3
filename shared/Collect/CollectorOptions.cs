namespace Pipeline.Collect;

/// <summary>
/// The collector's settings, bound from <c>Pipeline:Collector</c> (app settings <c>Pipeline__Collector__*</c>).
/// Every default is written here once; docs/collector.md explains each.
/// </summary>
public sealed class CollectorOptions
{
    public const string Section = "Pipeline:Collector";

    /// <summary>
    /// The path segment after <c>/api/</c>: the snippet is <c>/api/{prefix}/s.js</c>, hits go to <c>/api/{prefix}/h</c>.
    /// Neutral on purpose: blocklists match words such as <c>collect</c>, <c>track</c> or <c>pixel</c>.
    /// </summary>
    public string RoutePrefix { get; set; } = "s";

    /// <summary>The HttpOnly visitor cookie the collector sets (the one that can outlive Safari's 7-day cap).</summary>
    public string CookieName { get; set; } = "_pvh";

    /// <summary>The snippet's script-readable mirror of the visitor id, read when the HttpOnly cookie is absent.</summary>
    public string MirrorCookieName { get; set; } = "_pvid";

    /// <summary>HttpOnly cookie holding short digests of what was last written for this browser, so unchanged hits write nothing.</summary>
    public string StateCookieName { get; set; } = "_pvs";

    /// <summary>Domain attribute of the collector's cookies (e.g. <c>shop.example</c>); empty = host-only.</summary>
    public string CookieDomain { get; set; } = "";

    public int CookieMaxAgeDays { get; set; } = 400;

    /// <summary>Comma-separated page origins (<c>https://shop.example</c>) answered with CORS and credentials. Empty: same origin only.</summary>
    public string AllowedOrigins { get; set; } = "";

    /// <summary>
    /// Header the reverse proxy in front of the collector writes the client's address into (<c>X-Forwarded-For</c>,
    /// <c>X-Azure-ClientIP</c>, <c>CF-Connecting-IP</c>). Empty: the socket's address only. Set it only when that proxy
    /// always writes the header, or any client can choose its own address.
    /// </summary>
    public string TrustedProxyHeader { get; set; } = "";

    /// <summary>
    /// How many proxies you run that append to a list header such as <c>X-Forwarded-For</c>: the address is the one
    /// that many entries from the right (the entries left of it are the client's own claims).
    /// </summary>
    public int TrustedProxyHops { get; set; } = 1;

    /// <summary>Header carrying the visitor's country as ISO alpha-2 (<c>CF-IPCountry</c>, a Front Door rule's header). Empty: unknown.</summary>
    public string CountryHeader { get; set; } = "";

    /// <summary>
    /// Comma-separated countries (ISO alpha-2) or groups (<c>EEA</c>, <c>UK</c>) where nothing is stored for a visitor
    /// until ads consent is granted. The snippet enforces it in the browser; the collector checks again when
    /// <see cref="CountryHeader"/> tells it the country.
    /// </summary>
    public string ConsentRequiredRegions { get; set; } = "";

    /// <summary>Largest hit body accepted; larger gets 413. Browsers share 64 KiB among keepalive bodies.</summary>
    public int MaxBodyBytes { get; set; } = HitLimits.MaxBodyBytes;

    /// <summary>Most items in one body (the snippet sends at most 20).</summary>
    public int MaxItemsPerBody { get; set; } = 50;

    /// <summary>Serve the demo shop page at <c>/api/{prefix}/demo</c> (for trying it out locally).</summary>
    public bool DemoPage { get; set; }

    public IReadOnlyList<string> AllowedOriginList() =>
        AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o.TrimEnd('/'))
            .ToList();

    /// <summary>True when <paramref name="prefix"/> is this collector's route prefix (routes compare without case).</summary>
    public bool IsPrefix(string? prefix) => string.Equals(prefix, RoutePrefix, StringComparison.OrdinalIgnoreCase);
}
