namespace Pipeline.Sources;

/// <summary>
/// The one rule for a purchase's deterministic event id, shared with the browser snippet so the platforms keep one
/// copy: a template with <c>{orderId}</c>, the order id reduced to its number when given as a Shopify GID.
/// </summary>
public static class EventIdRule
{
    public const string OrderIdPlaceholder = "{orderId}";

    public const string DefaultPurchaseTemplate = "purchase_" + OrderIdPlaceholder;

    /// <summary>True when the template names the order id, which every purchase template must.</summary>
    public static bool IsValidTemplate(string? template) =>
        template is not null && template.Contains(OrderIdPlaceholder, StringComparison.Ordinal);

    /// <summary>The purchase event id for an order: <c>purchase_{orderId}</c> by default.</summary>
    public static string ForOrder(string template, string orderId)
    {
        if (!IsValidTemplate(template))
            throw new ArgumentException($"An event id template must contain {OrderIdPlaceholder}.", nameof(template));
        return template.Replace(OrderIdPlaceholder, NormalizeOrderId(orderId), StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>gid://shopify/OrderIdentity/123</c> and <c>gid://shopify/Order/123</c> become <c>123</c>, because Shopify's
    /// Web Pixels API gives either form while the order webhook gives the number.
    /// </summary>
    public static string NormalizeOrderId(string orderId)
    {
        var id = orderId.Trim();
        if (!id.StartsWith("gid://", StringComparison.OrdinalIgnoreCase)) return id;
        var query = id.IndexOf('?');
        if (query >= 0) id = id[..query];
        var last = id.LastIndexOf('/');
        return last >= 0 && last < id.Length - 1 ? id[(last + 1)..] : id;
    }
}
