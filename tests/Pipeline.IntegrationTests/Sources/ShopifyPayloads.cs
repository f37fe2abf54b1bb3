using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Sources.Shopify;

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

    public const string Email = "Jane.Buyer@Example.com";
    public const string Phone = "+16135550135";
    public const string FirstName = "Janeth";
    public const string LastName = "Buyerstone";
    public const string City = "Ottawa";
    public const string Zip = "K2P 1L4";
    public const string Street = "150 Elgin Street";

    public static readonly string[] Plaintexts = [Email, Phone, FirstName, LastName, City, Zip, Street, "Halifax", "1 Harbour Road"];

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
        var order = JsonNode.Parse(OrderJson)!.AsObject();
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
        var refund = JsonNode.Parse(RefundJson)!.AsObject();
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

    private const string OrderJson = """
        {
          "id": 5012345678901,
          "admin_graphql_api_id": "gid://shopify/Order/5012345678901",
          "app_id": 580111,
          "browser_ip": "203.0.113.77",
          "buyer_accepts_marketing": false,
          "cancel_reason": null,
          "cancelled_at": null,
          "cart_token": "Z2NwLXVzLWVhc3QxOjAxSjhRV0JaN1g",
          "checkout_id": 36018223382753,
          "checkout_token": "f0a8c9d1e2b3a4c5d6e7f8a9b0c1d2e3",
          "client_details": {
            "accept_language": "de-DE",
            "browser_height": null,
            "browser_ip": "203.0.113.77",
            "browser_width": null,
            "session_hash": null,
            "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
          },
          "confirmation_number": "XK4T9RQ2M",
          "contact_email": "Jane.Buyer@Example.com",
          "created_at": "2026-10-05T09:12:45-04:00",
          "currency": "USD",
          "current_total_price": "107.59",
          "customer_locale": "de",
          "email": "Jane.Buyer@Example.com",
          "financial_status": "paid",
          "landing_site": "/products/linen-shirt?utm_source=meta&fbclid=IwZXh0bgNhZW0BMABhZGlkAasZ&gclid=Cj0KCQjwAbC-DeF_gH",
          "name": "#1042",
          "note": null,
          "note_attributes": [
            { "name": "gift_wrap", "value": "no" },
            { "name": "_pvid", "value": "v1.k3J9xQ2mZ8aB" }
          ],
          "phone": null,
          "presentment_currency": "EUR",
          "processed_at": "2026-10-05T09:12:47-04:00",
          "referring_site": "https://l.facebook.com/",
          "source_name": "web",
          "subtotal_price": "99.00",
          "tags": "",
          "test": false,
          "token": "b1946ac92492d2347c6235b4d2611184",
          "total_price": "107.59",
          "total_price_set": {
            "shop_money": { "amount": "107.59", "currency_code": "USD" },
            "presentment_money": { "amount": "99.90", "currency_code": "EUR" }
          },
          "total_tax": "8.59",
          "updated_at": "2026-10-05T09:12:48-04:00",
          "user_id": null,
          "billing_address": {
            "first_name": "Janeth",
            "address1": "150 Elgin Street",
            "phone": "+16135550135",
            "city": "Ottawa",
            "zip": "K2P 1L4",
            "province": "Ontario",
            "country": "Canada",
            "last_name": "Buyerstone",
            "address2": null,
            "company": null,
            "latitude": 45.4215,
            "longitude": -75.6972,
            "name": "Janeth Buyerstone",
            "country_code": "CA",
            "province_code": "ON"
          },
          "customer": {
            "id": 7123456789012,
            "email": "Jane.Buyer@Example.com",
            "created_at": "2026-09-30T11:02:13-04:00",
            "first_name": "Janeth",
            "last_name": "Buyerstone",
            "state": "enabled",
            "verified_email": true,
            "phone": null,
            "currency": "USD",
            "admin_graphql_api_id": "gid://shopify/Customer/7123456789012",
            "default_address": {
              "id": 9123456789012,
              "customer_id": 7123456789012,
              "first_name": "Janeth",
              "last_name": "Buyerstone",
              "address1": "150 Elgin Street",
              "city": "Ottawa",
              "province_code": "ON",
              "country_code": "CA",
              "zip": "K2P 1L4",
              "default": true
            }
          },
          "line_items": [
            {
              "id": 13579246801357,
              "admin_graphql_api_id": "gid://shopify/LineItem/13579246801357",
              "name": "Linen Shirt - M / Sand",
              "price": "49.50",
              "price_set": {
                "shop_money": { "amount": "53.80", "currency_code": "USD" },
                "presentment_money": { "amount": "49.50", "currency_code": "EUR" }
              },
              "product_id": 8000000000001,
              "quantity": 2,
              "sku": "LS-M-SAND",
              "title": "Linen Shirt",
              "variant_id": 45000000000001,
              "variant_title": "M / Sand",
              "vendor": "Linen & Co"
            },
            {
              "id": 13579246801358,
              "name": "Gift card",
              "price": "0.90",
              "product_id": 8000000000002,
              "quantity": 1,
              "sku": null,
              "title": "Gift card",
              "variant_id": null
            }
          ],
          "shipping_address": {
            "first_name": "Other",
            "address1": "1 Harbour Road",
            "phone": null,
            "city": "Halifax",
            "zip": "B3H 1A1",
            "country_code": "CA",
            "province_code": "NS",
            "last_name": "Recipient"
          }
        }
        """;

    private const string RefundJson = """
        {
          "id": 929361464,
          "order_id": 5012345678901,
          "created_at": "2026-10-09T14:30:00-04:00",
          "note": "wrong size",
          "user_id": null,
          "processed_at": "2026-10-09T14:30:00-04:00",
          "restock": true,
          "admin_graphql_api_id": "gid://shopify/Refund/929361464",
          "refund_line_items": [
            {
              "id": 104689539,
              "quantity": 1,
              "line_item_id": 13579246801357,
              "restock_type": "return",
              "subtotal": 49.5,
              "total_tax": 0.0,
              "line_item": { "id": 13579246801357, "product_id": 8000000000001, "variant_id": 45000000000001, "price": "49.50", "title": "Linen Shirt" }
            }
          ],
          "transactions": [
            {
              "id": 179259969,
              "order_id": 5012345678901,
              "kind": "refund",
              "gateway": "shopify_payments",
              "status": "success",
              "created_at": "2026-10-09T14:30:00-04:00",
              "test": false,
              "parent_id": 801038806,
              "amount": "49.50",
              "currency": "eur"
            },
            {
              "id": 179259970,
              "order_id": 5012345678901,
              "kind": "refund",
              "status": "failure",
              "test": false,
              "amount": "10.00",
              "currency": "EUR"
            }
          ],
          "order_adjustments": []
        }
        """;
}
