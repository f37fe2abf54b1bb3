using Pipeline.Events;

namespace Pipeline.Collect;

/// <summary>An event the page tracked (wire type <c>ev</c>), carrying the same event id the browser pixels got.</summary>
public sealed record BrowserEventHit : HitItem
{
    public required string Name { get; init; }
    public required string EventId { get; init; }

    /// <summary>The page it happened on (the event source URL).</summary>
    public string? Url { get; init; }

    public decimal? Value { get; init; }

    /// <summary>ISO-4217, uppercase.</summary>
    public string? Currency { get; init; }

    public string? OrderId { get; init; }
    public IReadOnlyList<ContentItem>? Contents { get; init; }

    /// <summary>Other ids that tie the event to a visitor or an order (<c>shopify_client_id</c>, <c>checkout_token</c>, …).</summary>
    public IReadOnlyDictionary<string, string>? LinkIds { get; init; }
}
