using System.Text.Json.Nodes;
using Pipeline.IntegrationTests.Sources;
using Pipeline.Sources.Shopify;

namespace Pipeline.IntegrationTests.Reliability;

/// <summary>
/// Signed <c>orders/paid</c> deliveries for load: Shopify's documented order (click ids in landing_site, e-mail,
/// phone, address, visitor id), made recent so no platform's age limit applies, one order id each.
/// </summary>
public static class ShopifyOrders
{
    public const string Path = "/api/webhooks/shopify";

    /// <summary>Host settings that make the shop known, with its secret.</summary>
    public static Dictionary<string, string?> Settings() => ShopifyPayloads.Settings();

    /// <summary>The event id the pipeline gives the order's purchase.</summary>
    public static string EventId(long orderId) => $"purchase_{orderId}";

    /// <summary>The body and headers of one signed delivery of a paid order.</summary>
    public static (byte[] Body, Dictionary<string, string> Headers) Paid(long orderId, DateTimeOffset now, string? webhookId = null)
    {
        var order = ShopifyPayloads.Order(orderId);
        var when = now.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
        order["created_at"] = when;
        order["processed_at"] = when;
        order["updated_at"] = when;
        order["note_attributes"] = new JsonArray(new JsonObject { ["name"] = "_pvid", ["value"] = $"load{orderId}" }); // the collector's visitor id form
        var body = ShopifyPayloads.Bytes(order);
        var id = orderId.ToString();
        return (body, ShopifyPayloads.Headers(body, ShopifyTopics.OrdersPaid, webhookId: webhookId ?? $"w-{id}", eventId: $"e-{id}"));
    }

    /// <summary>A request carrying one signed delivery.</summary>
    /// <param name="webhookId">X-Shopify-Webhook-Id: Shopify keeps it across retries; a second subscription has its own.</param>
    public static HttpRequestMessage Request(long orderId, DateTimeOffset now, string? webhookId = null)
    {
        var (body, headers) = Paid(orderId, now, webhookId);
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }
}
