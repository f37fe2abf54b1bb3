using System.Text.Json;
using Pipeline.Events;

namespace Pipeline.Sources.Shopify;

/// <summary>Turns a refunds/create payload into a Refund of the money actually returned.</summary>
public static class ShopifyRefundMapper
{
    /// <summary>
    /// Value is the sum of the successful <c>kind: "refund"</c> transactions in the first transaction's currency; a
    /// refund that returns no money (restock only) is ignored.
    /// </summary>
    public static WebhookVerdict Map(JsonElement refund, ShopifyDelivery delivery, ShopifySettings settings)
    {
        if (refund.Id("id") is not { } refundId) return WebhookRejected.BadRequest("refund has no numeric id");
        if (refund.Id("order_id") is not { } orderId) return WebhookRejected.BadRequest("refund has no numeric order_id");

        var transactions = refund.Items("transactions")
            .Where(t => t.String("kind") == "refund" && t.String("status") is null or "success")
            .ToList();
        var currency = transactions.Select(t => t.String("currency")).FirstOrDefault(c => c is not null)?.ToUpperInvariant();
        var value = transactions
            .Where(t => string.Equals(t.String("currency"), currency, StringComparison.OrdinalIgnoreCase))
            .Sum(t => t.Money("amount") ?? 0m);
        if (currency is null || value == 0m) return new WebhookIgnored("refund returns no money");

        var contents = refund.Items("refund_line_items")
            .Select(r => (Id: r.Id("line_item", "variant_id") ?? r.Id("line_item", "product_id"), Line: r))
            .Where(x => x.Id is not null)
            .Select(x => new ContentItem
            {
                Id = x.Id!,
                Quantity = x.Line.Int("quantity") ?? 1,
                Price = x.Line.Money("line_item", "price"),
                Name = x.Line.String("line_item", "title"),
            })
            .ToList();

        var @event = new CanonicalEvent
        {
            EventName = "Refund",
            EventTime = Timestamps.ToUnixSeconds(refund.String("created_at"))
                ?? Timestamps.ToUnixSeconds(refund.String("processed_at")) ?? delivery.FallbackTime,
            EventId = $"refund_{refundId}",
            ActionSource = settings.DefaultActionSource,
            Source = ShopifyKeys.SourceName,
            SourceId = ShopifyKeys.RefundSourceId(delivery.Shop, refundId),
            Value = value,
            Currency = currency,
            OrderId = orderId,
            OriginalEventId = EventIdRule.ForOrder(settings.EventIdTemplate, orderId),
            Contents = contents.Count > 0 ? contents : null,
            Test = transactions.Any(t => t.Bool("test")),
        };
        return new WebhookAccepted(
            [new AcceptedConversion(@event, ShopifyKeys.Refund(delivery.Shop, refundId), ShopifyKeys.Order(delivery.Shop, orderId))],
            delivery.DeliveryIds);
    }
}
