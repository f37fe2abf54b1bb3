namespace Pipeline.TestData;

/// <summary>
/// Shopify's documented order and refund webhook bodies, with the buyer's details as constants: one copy shared by
/// the unit and the integration tests (linked into both projects).
/// </summary>
public static class ShopifyDocumentedPayloads
{
    public const string Email = "Jane.Buyer@Example.com";
    public const string Phone = "+16135550135";
    public const string FirstName = "Janeth";
    public const string LastName = "Buyerstone";
    public const string City = "Ottawa";
    public const string Zip = "K2P 1L4";
    public const string Street = "150 Elgin Street";

    /// <summary>A paid web order: shop currency USD, buyer paid EUR, visitor id in note_attributes, click ids in landing_site.</summary>
    public static readonly string OrderJson = $$"""
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
          "contact_email": "{{Email}}",
          "created_at": "2026-10-05T09:12:45-04:00",
          "currency": "USD",
          "current_total_price": "107.59",
          "customer_locale": "de",
          "email": "{{Email}}",
          "financial_status": "paid",
          "landing_site": "/products/linen-shirt?utm_source=meta&fbclid=IwZXh0bgNhZW0BMABhZGlkAasZ&gclid=Cj0KCQjwAbC-DeF_gH",
          "name": "#1042",
          "order_status_url": "https://harbour-supply.example/71234567/orders/3f4e5d6c7b8a/authenticate?key=a1b2c3d4e5f6",
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
            "first_name": "{{FirstName}}",
            "address1": "{{Street}}",
            "phone": "{{Phone}}",
            "city": "{{City}}",
            "zip": "{{Zip}}",
            "province": "Ontario",
            "country": "Canada",
            "last_name": "{{LastName}}",
            "address2": null,
            "company": null,
            "latitude": 45.4215,
            "longitude": -75.6972,
            "name": "{{FirstName}} {{LastName}}",
            "country_code": "CA",
            "province_code": "ON"
          },
          "customer": {
            "id": 7123456789012,
            "email": "{{Email}}",
            "created_at": "2026-09-30T11:02:13-04:00",
            "first_name": "{{FirstName}}",
            "last_name": "{{LastName}}",
            "state": "enabled",
            "verified_email": true,
            "phone": null,
            "currency": "USD",
            "admin_graphql_api_id": "gid://shopify/Customer/7123456789012",
            "default_address": {
              "id": 9123456789012,
              "customer_id": 7123456789012,
              "first_name": "{{FirstName}}",
              "last_name": "{{LastName}}",
              "address1": "{{Street}}",
              "city": "{{City}}",
              "province_code": "ON",
              "country_code": "CA",
              "zip": "{{Zip}}",
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

    /// <summary>A partial refund of one shirt, shaped like Shopify's refunds/create example.</summary>
    public static readonly string RefundJson = """
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
