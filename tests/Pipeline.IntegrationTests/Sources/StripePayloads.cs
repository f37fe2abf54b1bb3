using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipeline.IntegrationTests.Sources;

/// <summary>
/// Events shaped like Stripe's documented examples (full session, invoice and charge objects), signed in the test the
/// way Stripe signs them: hex HMAC-SHA256 of <c>"{t}.{body}"</c> with the endpoint's <c>whsec_…</c> secret.
/// </summary>
internal static class StripePayloads
{
    public const string Secret = "whsec_3xQmZ9kT2bVn8LcR4pWy6sHd1fGj0aEu";
    public const string RolledSecret = "whsec_9aBcDeFgHiJkLmNoPqRsTuVwXyZ012345";

    public const long Created = 1791300000;

    public const string Email = "jenny.rosen@example.com";
    public const string Phone = "+14155550123";
    public const string FirstName = "Jennyfer";
    public const string LastName = "Rosenquist";
    public const string City = "San Francisco";
    public const string Zip = "94111";
    public const string Street = "510 Townsend Street";

    /// <summary>Plaintext that must never be queued or stored.</summary>
    public static readonly string[] Plaintexts = [Email, Phone, FirstName, LastName, Street];

    /// <summary>Address parts Google takes unhashed: queued only, normalized, in user_data.google_address.</summary>
    public static readonly string[] GoogleUnhashedParts = [City, Zip];

    /// <summary>A host accepting the endpoint's current secret and the one being rolled to.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Pipeline:Sources:Stripe:Secrets"] = $"{Secret},{RolledSecret}",
    };

    private static string CustomerDetails => $$"""
        {
          "address": { "city": "{{City}}", "country": "us", "line1": "{{Street}}", "line2": null, "postal_code": "{{Zip}}", "state": "CA" },
          "email": "{{Email}}",
          "name": "{{FirstName}} {{LastName}}",
          "phone": "{{Phone}}",
          "tax_exempt": "none",
          "tax_ids": []
        }
        """;

    public static JsonObject Envelope(string eventId, string type, string dataObject, bool livemode = true, string? previousAttributes = null) =>
        JsonNode.Parse($$"""
        {
          "id": "{{eventId}}",
          "object": "event",
          "api_version": "2026-10-28.endive",
          "created": {{Created}},
          "data": { "object": {{dataObject}}{{(previousAttributes is null ? "" : ", \"previous_attributes\": " + previousAttributes)}} },
          "livemode": {{(livemode ? "true" : "false")}},
          "pending_webhooks": 1,
          "request": { "id": null, "idempotency_key": null },
          "type": "{{type}}"
        }
        """)!.AsObject();

    public static JsonObject CheckoutSessionCompleted(string eventId, string sessionId, string paymentIntentId,
        string currency = "usd", long amountTotal = 50000, bool livemode = true, string mode = "payment", string? subscriptionId = null) =>
        Envelope(eventId, "checkout.session.completed", $$"""
        {
          "id": "{{sessionId}}",
          "object": "checkout.session",
          "amount_subtotal": {{amountTotal}},
          "amount_total": {{amountTotal}},
          "client_reference_id": "v1.StRiPeViSiToR",
          "created": {{Created - 300}},
          "currency": "{{currency}}",
          "customer": "cus_QxYzAbCdEfGh12",
          "customer_details": {{CustomerDetails}},
          "livemode": {{(livemode ? "true" : "false")}},
          "metadata": { "campaign": "autumn" },
          "mode": "{{mode}}",
          "payment_intent": {{(mode == "payment" ? $"\"{paymentIntentId}\"" : "null")}},
          "payment_status": "paid",
          "status": "complete",
          "subscription": {{(subscriptionId is null ? "null" : $"\"{subscriptionId}\"")}},
          "success_url": "https://shop.example/thanks?session_id={CHECKOUT_SESSION_ID}"
        }
        """, livemode);

    public static JsonObject PaymentIntentSucceeded(string eventId, string paymentIntentId, string currency = "usd", long amount = 50000) =>
        Envelope(eventId, "payment_intent.succeeded", $$"""
        {
          "id": "{{paymentIntentId}}",
          "object": "payment_intent",
          "amount": {{amount}},
          "amount_received": {{amount}},
          "currency": "{{currency}}",
          "customer": "cus_QxYzAbCdEfGh12",
          "latest_charge": "ch_3QxYzALkdIwHu7ix1x2y3z4w",
          "livemode": true,
          "metadata": {},
          "receipt_email": "{{Email}}",
          "status": "succeeded"
        }
        """);

    public static JsonObject InvoicePaid(string eventId, string invoiceId, string subscriptionId, long amountPaid = 1999, string currency = "eur") =>
        Envelope(eventId, "invoice.paid", $$"""
        {
          "id": "{{invoiceId}}",
          "object": "invoice",
          "amount_due": {{amountPaid}},
          "amount_paid": {{amountPaid}},
          "billing_reason": "subscription_create",
          "currency": "{{currency}}",
          "customer": "cus_QxYzAbCdEfGh12",
          "customer_address": { "city": "{{City}}", "country": "US", "line1": "{{Street}}", "postal_code": "{{Zip}}", "state": "CA" },
          "customer_email": "{{Email}}",
          "customer_name": "{{FirstName}} {{LastName}}",
          "customer_phone": "{{Phone}}",
          "livemode": true,
          "metadata": {},
          "parent": {
            "type": "subscription_details",
            "subscription_details": { "metadata": { "_pvid": "v1.SuBsCrIbEr" }, "subscription": "{{subscriptionId}}" }
          },
          "status": "paid"
        }
        """);

    /// <summary>A partial refund of a charge, with the refund list included as Stripe sends it.</summary>
    public static JsonObject ChargeRefunded(string eventId, string chargeId, string paymentIntentId, string refundId, long amount = 1500) =>
        Envelope(eventId, "charge.refunded", $$"""
        {
          "id": "{{chargeId}}",
          "object": "charge",
          "amount": 50000,
          "amount_captured": 50000,
          "amount_refunded": {{amount}},
          "billing_details": { "email": "{{Email}}", "name": "{{FirstName}} {{LastName}}", "phone": null, "address": null },
          "currency": "usd",
          "livemode": true,
          "metadata": {},
          "paid": true,
          "payment_intent": "{{paymentIntentId}}",
          "refunded": false,
          "refunds": {
            "object": "list",
            "data": [
              { "id": "{{refundId}}", "object": "refund", "amount": {{amount}}, "charge": "{{chargeId}}", "created": {{Created + 60}}, "currency": "usd", "status": "succeeded" }
            ],
            "has_more": false,
            "total_count": 1,
            "url": "/v1/charges/{{chargeId}}/refunds"
          }
        }
        """, previousAttributes: """{ "amount_refunded": 0 }""");

    public static string Hex(string secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body)));

    /// <summary>The <c>Stripe-Signature</c> header, signed now unless told otherwise.</summary>
    public static string SignatureHeader(string body, string secret = Secret, long? timestamp = null)
    {
        var t = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"t={t},v1={Hex(secret, t, body)},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";
    }
}
