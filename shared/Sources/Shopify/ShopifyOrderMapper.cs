using System.Text.Json;
using Pipeline.Events;
using Pipeline.Identity;
using Pipeline.Privacy;

namespace Pipeline.Sources.Shopify;

/// <summary>
/// Turns an order payload (orders/create, orders/paid, orders/cancelled) into a Purchase, or a cancellation into a
/// Refund of the full value, hashing the buyer's identifiers on the way.
/// </summary>
public static class ShopifyOrderMapper
{
    /// <summary>Financial states in which no money was taken, so an orders/paid purchase was never counted.</summary>
    private static readonly HashSet<string> UnpaidStates = new(StringComparer.Ordinal) { "pending", "authorized", "partially_paid", "voided", "expired" };

    /// <summary>Financial states in which refunds/create already carries the money returned.</summary>
    private static readonly HashSet<string> RefundedStates = new(StringComparer.Ordinal) { "refunded", "partially_refunded" };

    /// <summary>The purchase, or Ignored when the topic is the purchase topic's twin.</summary>
    public static WebhookVerdict MapPurchase(JsonElement order, ShopifyDelivery delivery, ShopifySettings settings)
    {
        if (!string.Equals(delivery.Topic, settings.PurchaseTopic, StringComparison.Ordinal))
            return new WebhookIgnored($"{delivery.Topic} is not the purchase topic ({settings.PurchaseTopic})");
        if (order.Id("id") is not { } orderId) return WebhookRejected.BadRequest("order has no numeric id");

        var (value, currency) = OrderTotal(order, settings.Currency);
        var billingCountry = Upper(order.String("billing_address", "country_code"));
        var isBuyersDevice = string.Equals(order.String("source_name"), "web", StringComparison.Ordinal);

        var purchase = new CanonicalEvent
        {
            EventName = "Purchase",
            EventTime = EventTime(order, delivery),
            EventId = EventIdRule.ForOrder(settings.EventIdTemplate, orderId),
            ActionSource = ActionSource(order, settings),
            EventSourceUrl = OrderStatusPage(order),
            Source = ShopifyKeys.SourceName,
            SourceId = ShopifyKeys.OrderSourceId(delivery.Shop, orderId),
            Value = value,
            Currency = currency,
            OrderId = orderId,
            Contents = Contents(order, settings.Currency),
            VisitorIds = VisitorIds(order, delivery.Shop, settings.VisitorIdAttribute),
            // Only the click ids are read from landing_site (and nothing from referring_site): the rest of those URLs,
            // personal parameters included, is never kept.
            ClickIds = NullIfEmpty(ClickIdExtractor.Extract(order.String("landing_site"))),
            UserData = HashBuyer(order, billingCountry),
            ClientIpAddress = isBuyersDevice ? order.String("client_details", "browser_ip") ?? order.String("browser_ip") : null,
            ClientUserAgent = isBuyersDevice ? order.String("client_details", "user_agent") : null,
            Test = order.Bool("test"),
            Country = billingCountry ?? Upper(BuyerAddress(order)?.String("country_code")),
        };
        return new WebhookAccepted([new AcceptedConversion(purchase, ShopifyKeys.Order(delivery.Shop, orderId))], delivery.DeliveryIds);
    }

    /// <summary>
    /// The order's thank-you page, where the buyer converted: Meta and TikTok need a page URL for website events.
    /// Its query (<c>?key=</c>, a token that opens the order's page) is dropped: it must not leave the shop; and so is
    /// anything else the scrubber removes (credentials before the host).
    /// </summary>
    internal static string? OrderStatusPage(JsonElement order)
    {
        var url = order.String("order_status_url");
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps) return null;
        return UrlScrubber.Scrub(uri.GetLeftPart(UriPartial.Path));
    }

    /// <summary>
    /// A cancellation retracts the purchase as a Refund of the full order value, unless money already went back
    /// through refunds (refunds/create reports those) or, with orders/paid as the purchase, the order was never paid.
    /// </summary>
    public static WebhookVerdict MapCancellation(JsonElement order, ShopifyDelivery delivery, ShopifySettings settings)
    {
        if (order.Id("id") is not { } orderId) return WebhookRejected.BadRequest("order has no numeric id");
        var financialStatus = order.String("financial_status") ?? "";
        if (RefundedStates.Contains(financialStatus) || order.Items("refunds").Any())
            return new WebhookIgnored("cancelled order was refunded: refunds/create reports the money");
        if (settings.PurchaseTopic == ShopifyTopics.OrdersPaid && UnpaidStates.Contains(financialStatus))
            return new WebhookIgnored($"cancelled order was never paid ({financialStatus}): no purchase to retract");

        var (value, currency) = OrderTotal(order, settings.Currency);
        var purchaseEventId = EventIdRule.ForOrder(settings.EventIdTemplate, orderId);
        var refund = new CanonicalEvent
        {
            EventName = "Refund",
            EventTime = Timestamps.ToUnixSeconds(order.String("cancelled_at")) ?? delivery.FallbackTime,
            EventId = $"cancel_{orderId}",
            ActionSource = ActionSource(order, settings),
            Source = ShopifyKeys.SourceName,
            SourceId = ShopifyKeys.OrderSourceId(delivery.Shop, orderId),
            Value = value,
            Currency = currency,
            OrderId = orderId,
            OriginalEventId = purchaseEventId,
            Test = order.Bool("test"),
        };
        return new WebhookAccepted(
            [new AcceptedConversion(refund, ShopifyKeys.Cancellation(delivery.Shop, orderId), ShopifyKeys.Order(delivery.Shop, orderId))],
            delivery.DeliveryIds);
    }

    private static long EventTime(JsonElement order, ShopifyDelivery delivery) =>
        Timestamps.ToUnixSeconds(order.String("processed_at"))
        ?? Timestamps.ToUnixSeconds(order.String("created_at"))
        ?? delivery.FallbackTime;

    private static string ActionSource(JsonElement order, ShopifySettings settings) =>
        string.Equals(order.String("source_name"), "pos", StringComparison.Ordinal) ? "physical_store" : settings.DefaultActionSource;

    private static (decimal? Value, string? Currency) OrderTotal(JsonElement order, ShopifyMoneyBasis basis)
    {
        var set = basis == ShopifyMoneyBasis.Presentment ? "presentment_money" : "shop_money";
        if (order.Money("total_price_set", set, "amount") is { } amount
            && Upper(order.String("total_price_set", set, "currency_code")) is { } code)
            return (amount, code);
        return (order.Money("total_price"), Upper(order.String("currency")));
    }

    private static IReadOnlyList<ContentItem>? Contents(JsonElement order, ShopifyMoneyBasis basis)
    {
        var set = basis == ShopifyMoneyBasis.Presentment ? "presentment_money" : "shop_money";
        var items = order.Items("line_items")
            .Select(line => (Id: line.Id("variant_id") ?? line.Id("product_id"), Line: line))
            .Where(x => x.Id is not null)
            .Select(x => new ContentItem
            {
                Id = x.Id!,
                Quantity = x.Line.Int("quantity") ?? 1,
                Price = x.Line.Money("price_set", set, "amount") ?? x.Line.Money("price"),
                Name = x.Line.String("title"),
            })
            .ToList();
        return items.Count > 0 ? items : null;
    }

    /// <summary>Strongest first: our own visitor id, then the checkout (joins the Web Pixels event), cart, customer.</summary>
    private static IReadOnlyList<string>? VisitorIds(JsonElement order, string shop, string attribute)
    {
        var ids = new List<string>();
        var visitor = order.Items("note_attributes")
            .FirstOrDefault(a => string.Equals(a.String("name"), attribute, StringComparison.Ordinal));
        if (visitor.ValueKind == JsonValueKind.Object && visitor.String("value") is { } vid && VisitorIdKey.IsPlausible(vid))
            ids.Add(vid);
        if (order.String("checkout_token") is { } checkout) ids.Add(ShopifyKeys.CheckoutVisitor(checkout));
        if (order.String("cart_token") is { } cart) ids.Add(ShopifyKeys.CartVisitor(cart));
        if (order.Id("customer", "id") is { } customer) ids.Add(ShopifyKeys.CustomerVisitor(shop, customer));
        return ids.Count > 0 ? ids : null;
    }

    /// <summary>
    /// One address supplies every address field, so a billing city is never paired with a shipping zip: billing,
    /// else shipping, else the customer's default address.
    /// </summary>
    private static JsonElement? BuyerAddress(JsonElement order) =>
        order.At("billing_address") is { ValueKind: JsonValueKind.Object } billing ? billing
        : order.At("shipping_address") is { ValueKind: JsonValueKind.Object } shipping ? shipping
        : order.At("customer", "default_address") is { ValueKind: JsonValueKind.Object } fallback ? fallback
        : null;

    private static HashedUserData? HashBuyer(JsonElement order, string? billingCountry)
    {
        var address = BuyerAddress(order);
        var raw = new RawUserData
        {
            Email = order.String("email") ?? order.String("contact_email") ?? order.String("customer", "email"),
            Phone = order.String("phone") ?? order.String("customer", "phone")
                ?? order.String("billing_address", "phone") ?? order.String("shipping_address", "phone"),
            FirstName = address?.String("first_name") ?? order.String("customer", "first_name"),
            LastName = address?.String("last_name") ?? order.String("customer", "last_name"),
            Street = address?.String("address1"),
            City = address?.String("city"),
            State = address?.String("province_code"),
            Zip = address?.String("zip"),
            Country = address?.String("country_code"),
        };
        var hashed = UserDataHasher.Hash(raw, billingCountry ?? Upper(address?.String("country_code")));
        return hashed.IsEmpty ? null : hashed;
    }

    private static string? Upper(string? value) => value?.ToUpperInvariant();

    private static IReadOnlyDictionary<string, string>? NullIfEmpty(IReadOnlyDictionary<string, string> map) =>
        map.Count > 0 ? map : null;
}
