namespace Pipeline.Collect;

/// <summary>What the collector knows about a hit besides its body: who sent it, from where, when.</summary>
public sealed record HitContext
{
    public required DateTimeOffset Now { get; init; }

    /// <summary>The client's address (socket or trusted proxy header), null when unknown.</summary>
    public string? Ip { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>ISO alpha-2, uppercase, from the configured country header; null when unknown.</summary>
    public string? Country { get; init; }

    /// <summary>Platform cookies that came with the request (well-formed ones only); a body's own values win.</summary>
    public IReadOnlyDictionary<string, string> RequestCookies { get; init; } = new Dictionary<string, string>();

    /// <summary>The GA4 session id read from the request's <c>_ga_*</c> cookie.</summary>
    public string? GaSessionId { get; init; }

    /// <summary>A browser clock reading the server can use: off by more than a day (or in the future) means "now".</summary>
    public DateTimeOffset ClientTime(long clientMs)
    {
        var nowMs = Now.ToUnixTimeMilliseconds();
        var ms = clientMs > nowMs + 300_000 || clientMs < nowMs - 86_400_000 ? nowMs : Math.Min(clientMs, nowMs);
        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }
}
