namespace Pipeline.Http;

/// <summary>
/// Per-client-address limits on the public routes, bound from <c>Pipeline:RateLimits</c> (app settings
/// <c>Pipeline__RateLimits__*</c>). On by default: sized for real shops, not for a bot filling the tables.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Pipeline:RateLimits";

    /// <summary>
    /// The collector's <c>/api/{prefix}/h</c>. A browser sends a few hits per page; the burst covers many shoppers
    /// behind one address (an office, a mobile carrier's NAT).
    /// </summary>
    public ClientRateLimit Collector { get; set; } = new() { PermitsPerSecond = 10, Burst = 100 };

    /// <summary>
    /// The server API and the Shopify and Stripe webhooks together. Their senders are few addresses (a CRM, the
    /// vendors' webhook pools) that may be busy during a sale; a refused webhook is retried by the vendor.
    /// </summary>
    public ClientRateLimit Ingest { get; set; } = new() { PermitsPerSecond = 50, Burst = 500 };
}

/// <summary>A token bucket per client address: <see cref="Burst"/> requests at once, refilled at <see cref="PermitsPerSecond"/>.</summary>
public sealed class ClientRateLimit
{
    /// <summary>Requests per second one address may sustain. 0 turns the limit off for these routes.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests one address may send at once before it has to slow down to <see cref="PermitsPerSecond"/>.</summary>
    public int Burst { get; set; }

    public bool IsOff => PermitsPerSecond <= 0;
}
