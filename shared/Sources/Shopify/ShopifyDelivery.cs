namespace Pipeline.Sources.Shopify;

/// <summary>What the headers of an authenticated delivery say, plus the time it was received.</summary>
/// <param name="Shop">The configured shop domain, lowercase.</param>
/// <param name="Topic">The <c>X-Shopify-Topic</c>.</param>
/// <param name="DeliveryIds">Recordable ids of this delivery (<c>shopify-webhook:…</c>, <c>shopify-event:…</c>).</param>
/// <param name="FallbackTime">Unix seconds to use when the payload has no timestamp: triggered-at, else receipt.</param>
public sealed record ShopifyDelivery(string Shop, string Topic, IReadOnlyList<string> DeliveryIds, long FallbackTime);
