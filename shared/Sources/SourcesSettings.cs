using Pipeline.Sources.Shopify;
using Pipeline.Sources.Stripe;

namespace Pipeline.Sources;

/// <summary>The webhook sources of this deployment, read from <c>Pipeline:Sources</c>; a null source is not configured.</summary>
public sealed record SourcesSettings
{
    /// <summary>
    /// Largest webhook body accepted (413 above). Larger than the server API's limit because a vendor cannot be
    /// asked to send less: a long order must not be refused.
    /// </summary>
    public int MaxBodyBytes { get; init; } = SourcesConfiguration.DefaultMaxBodyBytes;

    public ShopifySettings? Shopify { get; init; }

    public StripeSettings? Stripe { get; init; }
}
