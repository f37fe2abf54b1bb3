namespace Pipeline.Sources.Shopify;

/// <summary>Per-deployment settings of the Shopify webhook source.</summary>
public sealed record ShopifySettings
{
    /// <summary>Shops accepted; a delivery from any other shop domain is refused with 401.</summary>
    public IReadOnlyList<ShopifyShop> Shops { get; init; } = [];

    /// <summary>
    /// The topic counted as the purchase: <c>orders/paid</c> (default: only money received counts) or
    /// <c>orders/create</c> (counts unpaid orders too, e.g. bank transfer). The other one is ignored.
    /// </summary>
    public string PurchaseTopic { get; init; } = ShopifyTopics.OrdersPaid;

    /// <summary>Report value in the buyer's currency (default) or the shop's.</summary>
    public ShopifyMoneyBasis Currency { get; init; } = ShopifyMoneyBasis.Presentment;

    /// <summary>Cart attribute (order <c>note_attributes</c> name) holding the pipeline's visitor id.</summary>
    public string VisitorIdAttribute { get; init; } = VisitorIdKey.Default;

    /// <summary>Purchase event id template, the same one the browser snippet uses.</summary>
    public string EventIdTemplate { get; init; } = EventIdRule.DefaultPurchaseTemplate;

    /// <summary>action_source for online orders; POS orders are always <c>physical_store</c>.</summary>
    public string DefaultActionSource { get; init; } = "website";

    /// <summary>Configuration mistakes, empty when the settings are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (PurchaseTopic is not (ShopifyTopics.OrdersPaid or ShopifyTopics.OrdersCreate))
            errors.Add($"PurchaseTopic must be {ShopifyTopics.OrdersPaid} or {ShopifyTopics.OrdersCreate}.");
        if (!EventIdRule.IsValidTemplate(EventIdTemplate))
            errors.Add($"EventIdTemplate must contain {EventIdRule.OrderIdPlaceholder}.");
        if (!Pipeline.Events.ActionSources.IsValid(DefaultActionSource))
            errors.Add("DefaultActionSource is not a known action_source.");
        if (string.IsNullOrWhiteSpace(VisitorIdAttribute)) errors.Add("VisitorIdAttribute is empty.");
        foreach (var shop in Shops)
        {
            if (string.IsNullOrWhiteSpace(shop.Domain)) errors.Add("A shop has no Domain.");
            else if (shop.Secrets.Count == 0 || shop.Secrets.Any(string.IsNullOrEmpty))
                errors.Add($"Shop {shop.Domain} needs at least one non-empty secret.");
        }
        return errors;
    }

    /// <summary>The configured shop for a domain, compared case-insensitively.</summary>
    public ShopifyShop? FindShop(string domain) =>
        Shops.FirstOrDefault(s => string.Equals(s.Domain.Trim(), domain.Trim(), StringComparison.OrdinalIgnoreCase));
}
