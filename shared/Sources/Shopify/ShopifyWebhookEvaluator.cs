using System.Text.Json;
using Pipeline.Http;

namespace Pipeline.Sources.Shopify;

/// <summary>
/// The whole decision for one Shopify delivery: authenticate (shop, HMAC), then map the topic. No I/O: the caller
/// checks idempotency keys, enqueues and answers with the verdict's status.
/// </summary>
public sealed class ShopifyWebhookEvaluator(ShopifySettings settings, TimeProvider time)
{
    /// <param name="body">The raw request body bytes.</param>
    public WebhookVerdict Evaluate(ReadOnlyMemory<byte> body, WebhookHeaders headers)
    {
        var topic = headers.Get(ShopifyHeaders.Topic);
        var hmac = headers.Get(ShopifyHeaders.Hmac);
        var domain = headers.Get(ShopifyHeaders.ShopDomain);
        if (topic is null || hmac is null || domain is null)
            return WebhookRejected.Unauthorized("missing X-Shopify-Topic, X-Shopify-Hmac-Sha256 or X-Shopify-Shop-Domain");
        if (settings.FindShop(domain) is not { } shop)
            return WebhookRejected.Unauthorized("unknown shop domain");
        if (!ShopifySignatureVerifier.IsValid(body.Span, hmac, shop.Secrets))
            return WebhookRejected.Unauthorized("X-Shopify-Hmac-Sha256 does not match the body");

        if (topic is not (ShopifyTopics.OrdersCreate or ShopifyTopics.OrdersPaid or ShopifyTopics.OrdersCancelled or ShopifyTopics.RefundsCreate))
            return new WebhookIgnored($"topic {Printable(topic)} is not a conversion");

        if ((WebhookIds.CheckDeliveryId(ShopifyHeaders.WebhookId, headers.Get(ShopifyHeaders.WebhookId))
            ?? WebhookIds.CheckDeliveryId(ShopifyHeaders.EventId, headers.Get(ShopifyHeaders.EventId))) is { } badHeader)
            return badHeader;

        JsonDocument document;
        try
        {
            document = RequestJson.Parse(body);
        }
        catch (JsonException e) when (RequestJson.IsDuplicateKey(e))
        {
            return WebhookRejected.BadRequest(RequestJson.Describe(e));
        }
        catch (JsonException)
        {
            return WebhookRejected.BadRequest("body is not valid JSON");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return WebhookRejected.BadRequest("body is not a JSON object");
            var delivery = Delivery(shop, topic, headers);
            return WebhookIds.Check(topic switch
            {
                ShopifyTopics.RefundsCreate => ShopifyRefundMapper.Map(document.RootElement, delivery, settings),
                ShopifyTopics.OrdersCancelled => ShopifyOrderMapper.MapCancellation(document.RootElement, delivery, settings),
                _ => ShopifyOrderMapper.MapPurchase(document.RootElement, delivery, settings),
            });
        }
    }

    private ShopifyDelivery Delivery(ShopifyShop shop, string topic, WebhookHeaders headers)
    {
        var ids = new List<string>(2);
        if (headers.Get(ShopifyHeaders.WebhookId) is { } webhookId) ids.Add(ShopifyKeys.WebhookDelivery(webhookId));
        if (headers.Get(ShopifyHeaders.EventId) is { } eventId) ids.Add(ShopifyKeys.EventDelivery(eventId));
        var fallbackTime = Timestamps.ToUnixSeconds(headers.Get(ShopifyHeaders.TriggeredAt))
            ?? time.GetUtcNow().ToUnixTimeSeconds();
        return new ShopifyDelivery(shop.Domain.Trim().ToLowerInvariant(), topic, ids, fallbackTime);
    }

    /// <summary>Headers are not signed: keep what goes into a reason short and printable.</summary>
    private static string Printable(string value)
    {
        var clean = new string(value.Where(c => c is >= ' ' and <= '~').Take(64).ToArray());
        return clean.Length > 0 ? clean : "(unprintable)";
    }
}
