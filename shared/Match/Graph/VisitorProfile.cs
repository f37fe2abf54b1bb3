using Pipeline.Events;

namespace Pipeline.Match.Graph;

/// <summary>A visitor's <c>profile</c> row: the browser's cookies, network details and consent as last seen.</summary>
public sealed record VisitorProfile
{
    public DateTimeOffset? FirstSeen { get; init; }
    public DateTimeOffset? LastSeen { get; init; }
    public string? Fbp { get; init; }
    public string? Fbc { get; init; }
    public string? Ttp { get; init; }
    public string? GaClientId { get; init; }
    public string? GaSessionId { get; init; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }
    public ConsentState? Consent { get; init; }
    public DateTimeOffset? ConsentAt { get; init; }

    /// <summary>When the visitor last denied ads consent: nothing captured before it is attached for ad use.</summary>
    public DateTimeOffset? AdsWithdrawnAt { get; init; }

    /// <summary>ISO-3166-1 alpha-2, uppercase (from geo or the visitor's own data).</summary>
    public string? Country { get; init; }

    public bool IsBot { get; init; }
}
