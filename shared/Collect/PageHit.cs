namespace Pipeline.Collect;

/// <summary>A page view (wire type <c>hit</c>): the landing URL, referrer, click ids and platform cookies.</summary>
public sealed record PageHit : HitItem
{
    /// <summary>Shared by the anonymous hit sent before consent and the full one sent after, so one view counts once.</summary>
    public string? PageViewId { get; init; }

    public string? Url { get; init; }
    public string? Referrer { get; init; }

    /// <summary>Sent before ads consent: the URL and referrer lost their query, and no ids came with it.</summary>
    public bool Anonymous { get; init; }

    /// <summary>Click ids by URL parameter name, exactly as they were in the URL (never decoded or re-cased).</summary>
    public IReadOnlyDictionary<string, string> ClickIds { get; init; } = Empty;

    /// <summary>UTM values by key without the <c>utm_</c> prefix (source, medium, …), decoded from the URL's query.</summary>
    public IReadOnlyDictionary<string, string> Utm { get; init; } = Empty;

    /// <summary>Platform cookies by cookie name (<c>_fbc</c>, <c>_fbp</c>, <c>_ga</c>, …), values as the platform wrote them.</summary>
    public IReadOnlyDictionary<string, string> Cookies { get; init; } = Empty;

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
