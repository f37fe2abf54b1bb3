using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Sources;
using Pipeline.Sources.Stripe;

namespace Pipeline.UnitTests.Sources.Stripe;

/// <summary>Events shaped like Stripe's documented examples, and deliveries signed the way Stripe signs them.</summary>
internal static class StripePayloads
{
    public const string Secret = "whsec_3xQmZ9kT2bVn8LcR4pWy6sHd1fGj0aEu";
    public const string RolledSecret = "whsec_9aBcDeFgHiJkLmNoPqRsTuVwXyZ012345";

    /// <summary>When the events were created; deliveries are received a few seconds later.</summary>
    public const long Created = 1791300000;

    public static readonly DateTimeOffset ReceivedAt = DateTimeOffset.FromUnixTimeSeconds(Created + 4);

    public const string Email = "jenny.rosen@example.com";
    public const string Phone = "+14155550123";
    public const string FirstName = "Jennyfer";
    public const string LastName = "Rosenquist";
    public const string City = "San Francisco";
    public const string Zip = "94111";
    public const string Street = "510 Townsend Street";

    public static readonly StripeSettings Settings = new() { Secrets = [Secret] };

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

    public static JsonObject Envelope(string type, string dataObject, string apiVersion = "2026-10-28.endive", bool livemode = true,
        string? previousAttributes = null) => JsonNode.Parse($$"""
        {
          "id": "evt_1QxYz2LkdIwHu7ix0aBcDeFg",
          "object": "event",
          "api_version": "{{apiVersion}}",
          "created": {{Created}},
          "data": { "object": {{dataObject}}{{(previousAttributes is null ? "" : ", \"previous_attributes\": " + previousAttributes)}} },
          "livemode": {{(livemode ? "true" : "false")}},
          "pending_webhooks": 1,
          "request": { "id": null, "idempotency_key": null },
          "type": "{{type}}"
        }
        """)!.AsObject();

    public static JsonObject CheckoutSessionCompleted(string currency = "usd", long amountTotal = 50000, string mode = "payment",
        string apiVersion = "2026-10-28.endive", bool livemode = true) => Envelope("checkout.session.completed", $$"""
        {
          "id": "cs_live_a1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvWxYz",
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
          "payment_intent": {{(mode == "payment" ? "\"pi_3QxYzALkdIwHu7ix1a2b3c4d\"" : "null")}},
          "payment_status": "paid",
          "status": "complete",
          "subscription": {{(mode == "subscription" ? "\"sub_1QxYzBLkdIwHu7ixAbCdEf\"" : "null")}},
          "success_url": "https://shop.example/thanks?session_id={CHECKOUT_SESSION_ID}"
        }
        """, apiVersion, livemode);

    public static JsonObject PaymentIntentSucceeded(string currency = "jpy", long amount = 800) => Envelope("payment_intent.succeeded", $$"""
        {
          "id": "pi_3QxYzALkdIwHu7ix1a2b3c4d",
          "object": "payment_intent",
          "amount": {{amount}},
          "amount_received": {{amount}},
          "currency": "{{currency}}",
          "customer": null,
          "latest_charge": "ch_3QxYzALkdIwHu7ix1x2y3z4w",
          "livemode": true,
          "metadata": { "_pvid": "v1.PiViSiToR", "order_id": "A-1001" },
          "receipt_email": "{{Email}}",
          "shipping": {
            "address": { "city": "{{City}}", "country": "US", "line1": "{{Street}}", "postal_code": "{{Zip}}", "state": "CA" },
            "name": "{{FirstName}} {{LastName}}",
            "phone": "{{Phone}}"
          },
          "status": "succeeded"
        }
        """);

    /// <summary>An invoice in the current shape: the subscription sits under parent.subscription_details.</summary>
    public static JsonObject InvoicePaid(string billingReason = "subscription_create", long amountPaid = 12340, string currency = "kwd") =>
        Envelope("invoice.paid", $$"""
        {
          "id": "in_1QxYzCLkdIwHu7ixQwErTy",
          "object": "invoice",
          "amount_due": {{amountPaid}},
          "amount_paid": {{amountPaid}},
          "billing_reason": "{{billingReason}}",
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
            "subscription_details": { "metadata": { "_pvid": "v1.SuBsCrIbEr" }, "subscription": "sub_1QxYzBLkdIwHu7ixAbCdEf" }
          },
          "status": "paid"
        }
        """);

    /// <summary>An invoice as an endpoint pinned to an older API version receives it: subscription at the top level.</summary>
    public static JsonObject InvoicePaidOldApi() => Envelope("invoice.paid", $$"""
        {
          "id": "in_1OldInvoiceLkdIwHu7ix",
          "object": "invoice",
          "amount_paid": 1999,
          "billing_reason": "subscription_create",
          "charge": "ch_3OldChargeLkdIwHu7ix",
          "currency": "eur",
          "customer": "cus_QxYzAbCdEfGh12",
          "customer_email": "{{Email}}",
          "payment_intent": "pi_3OldPaymentLkdIwHu7ix",
          "subscription": "sub_1OldSubscriptionLkdIw",
          "subscription_details": { "metadata": { "_pvid": "v1.OlDsUb" } },
          "status": "paid"
        }
        """, apiVersion: "2023-10-16");

    public static JsonObject ChargeRefunded(bool withRefundList = true, long amountRefunded = 2000, long? previouslyRefunded = null) =>
        Envelope("charge.refunded", $$"""
        {
          "id": "ch_3QxYzALkdIwHu7ix1x2y3z4w",
          "object": "charge",
          "amount": 50000,
          "amount_captured": 50000,
          "amount_refunded": {{amountRefunded}},
          "billing_details": { "email": "{{Email}}", "name": "{{FirstName}} {{LastName}}", "phone": null, "address": null },
          "currency": "usd",
          "livemode": true,
          "metadata": {},
          "paid": true,
          "payment_intent": "pi_3QxYzALkdIwHu7ix1a2b3c4d",
          "refunded": false
          {{(withRefundList ? RefundList : "")}}
        }
        """, previousAttributes: previouslyRefunded is { } p ? $$"""{ "amount_refunded": {{p}}, "refunded": false }""" : null);

    private const string RefundList = """

          , "refunds": {
            "object": "list",
            "data": [
              { "id": "re_3QxYzALkdIwHu7ix0newer", "object": "refund", "amount": 1500, "charge": "ch_3QxYzALkdIwHu7ix1x2y3z4w", "created": 1791299990, "currency": "usd", "status": "succeeded" },
              { "id": "re_3QxYzALkdIwHu7ix0older", "object": "refund", "amount": 500, "charge": "ch_3QxYzALkdIwHu7ix1x2y3z4w", "created": 1791200000, "currency": "usd", "status": "succeeded" }
            ],
            "has_more": false,
            "total_count": 2,
            "url": "/v1/charges/ch_3QxYzALkdIwHu7ix1x2y3z4w/refunds"
          }
          """;

    public static string Hex(string secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body)));

    public static string SignatureHeader(string body, string secret = Secret, long? timestamp = null)
    {
        var t = timestamp ?? ReceivedAt.ToUnixTimeSeconds();
        return $"t={t},v1={Hex(secret, t, body)},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";
    }

    public static WebhookVerdict Evaluate(string body, string? signatureHeader, StripeSettings? settings = null)
    {
        var headers = new Dictionary<string, string>();
        if (signatureHeader is not null) headers["Stripe-Signature"] = signatureHeader;
        return new StripeWebhookEvaluator(settings ?? Settings, new FakeTimeProvider(ReceivedAt))
            .Evaluate(Encoding.UTF8.GetBytes(body), new WebhookHeaders(headers));
    }

    public static WebhookVerdict Deliver(JsonNode payload, StripeSettings? settings = null)
    {
        var body = payload.ToJsonString();
        return Evaluate(body, SignatureHeader(body), settings);
    }
}
