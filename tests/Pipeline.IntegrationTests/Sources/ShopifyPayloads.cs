using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Sources.Shopify;
using Pipeline.TestData;

namespace Pipeline.IntegrationTests.Sources;

/// <summary>
/// Order and refund payloads shaped like Shopify's documented webhook examples (full order objects, real header
/// sets), signed in the test with Shopify's algorithm.
/// </summary>
internal static class ShopifyPayloads
{
    public const string Shop = "linen-and-co.myshopify.com";
    public const string SecondShop = "harbour-goods.myshopify.com";
    public const string Secret = "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";
    public const string OldSecret = "shpss_0123456789abcdef0123456789abcdef";
    public const string SecondShopSecret = "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";

    public const long OrderId = 5012345678901;
    public const long RefundId = 929361464;

    /// <summary>Above 2^53 (9007199254740992): a double would change it.</summary>
    public const long BigOrderId = 9007199254740993;

    public const string Email = ShopifyDocumentedPayloads.Email;
    public const string Phone = ShopifyDocumentedPayloads.Phone;
    public const string FirstName = ShopifyDocumentedPayloads.FirstName;
    public const string LastName = ShopifyDocumentedPayloads.LastName;
    public const string City = ShopifyDocumentedPayloads.City;
    public const string Zip = ShopifyDocumentedPayloads.Zip;
    public const string Street = ShopifyDocumentedPayloads.Street;

    /// <summary>Plaintext that must never be queued or stored.</summary>
    public static readonly string[] Plaintexts = [Email, Phone, FirstName, LastName, Street, "1 Harbour Road"];

    /// <summary>Address parts Google takes unhashed: queued only, normalized, in user_data.google_address.</summary>
    public static readonly string[] GoogleUnhashedParts = [City, Zip, "Halifax"];

    /// <summary>Settings of a host that accepts both shops, the first with a rotated secret still valid.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Pipeline:Sources:Shopify:Shops:0:Domain"] = Shop,
        // Comma-separated, as a Key Vault reference resolves: the new secret and the one it replaces.
        ["Pipeline:Sources:Shopify:Shops:0:Secrets"] = $"{Secret}, {OldSecret}",
        ["Pipeline:Sources:Shopify:Shops:1:Domain"] = SecondShop,
        ["Pipeline:Sources:Shopify:Shops:1:Secrets:0"] = SecondShopSecret,
    };

    /// <summary>A paid web order: shop currency USD, buyer paid EUR, visitor id in note_attributes, click ids in landing_site.</summary>
    public static JsonObject Order(long id = OrderId)
    {
        var order = JsonNode.Parse(ShopifyDocumentedPayloads.OrderJson)!.AsObject();
        order["id"] = id;
        order["admin_graphql_api_id"] = $"gid://shopify/Order/{id}";
        return order;
    }

    /// <summary>An order created by staff from a draft in the admin: no buyer device, the IP is the staff member's.</summary>
    public static JsonObject DraftOrder(long id)
    {
        var order = Order(id);
        order["source_name"] = "shopify_draft_order";
        order["browser_ip"] = null;
        order["client_details"] = JsonNode.Parse("""
            { "accept_language": "en-CA", "browser_ip": "198.51.100.23", "user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15", "browser_height": null, "browser_width": null, "session_hash": null }
            """);
        order["landing_site"] = null;
        order["note_attributes"] = new JsonArray();
        order["checkout_token"] = null;
        order["cart_token"] = null;
        return order;
    }

    /// <summary>A partial refund of one shirt, shaped like Shopify's refunds/create example.</summary>
    public static JsonObject Refund(long id = RefundId, long orderId = OrderId)
    {
        var refund = JsonNode.Parse(ShopifyDocumentedPayloads.RefundJson)!.AsObject();
        refund["id"] = id;
        refund["order_id"] = orderId;
        refund["admin_graphql_api_id"] = $"gid://shopify/Refund/{id}";
        foreach (var transaction in refund["transactions"]!.AsArray()) transaction!["order_id"] = orderId;
        return refund;
    }

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    /// <summary>The header set Shopify sends with a delivery.</summary>
    public static Dictionary<string, string> Headers(byte[] body, string topic, string secret = Secret, string shop = Shop,
        string webhookId = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", string eventId = "98880550-7158-44d4-b7cd-2c97c8a091b5") => new()
    {
        ["X-Shopify-Topic"] = topic,
        ["X-Shopify-Hmac-Sha256"] = ShopifySignatureVerifier.Sign(body, secret),
        ["X-Shopify-Shop-Domain"] = shop,
        ["X-Shopify-API-Version"] = "2026-10",
        ["X-Shopify-Webhook-Id"] = webhookId,
        ["X-Shopify-Event-Id"] = eventId,
        ["X-Shopify-Triggered-At"] = "2026-10-05T13:12:48.123456789Z",
    };
}
