using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Sources;
using Pipeline.Sources.Shopify;
using Pipeline.TestData;

namespace Pipeline.UnitTests.Sources.Shopify;

/// <summary>Order and refund payloads shaped like Shopify's documented webhook examples, and signed deliveries of them.</summary>
internal static class ShopifyPayloads
{
    public const string Shop = "linen-and-co.myshopify.com";
    public const string Secret = "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";
    public const string OldSecret = "shpss_0123456789abcdef0123456789abcdef";

    /// <summary>Above 2^53 (9007199254740992): a double would change it.</summary>
    public const string BigOrderId = "9007199254740993";

    public const string Email = ShopifyDocumentedPayloads.Email;
    public const string Phone = ShopifyDocumentedPayloads.Phone;
    public const string FirstName = ShopifyDocumentedPayloads.FirstName;
    public const string LastName = ShopifyDocumentedPayloads.LastName;
    public const string City = ShopifyDocumentedPayloads.City;
    public const string Zip = ShopifyDocumentedPayloads.Zip;
    public const string Street = ShopifyDocumentedPayloads.Street;

    public static readonly DateTimeOffset ReceivedAt = new(2026, 10, 5, 13, 13, 0, TimeSpan.Zero);

    public static readonly ShopifySettings Settings = new()
    {
        Shops = [new ShopifyShop { Domain = Shop, Secrets = [Secret] }],
    };

    /// <summary>A paid web order: shop currency USD, buyer paid EUR, visitor id in note_attributes, click ids in landing_site.</summary>
    public static JsonObject Order() => JsonNode.Parse(ShopifyDocumentedPayloads.OrderJson)!.AsObject();

    /// <summary>A partial refund of one shirt, shaped like Shopify's refunds/create example.</summary>
    public static JsonObject Refund() => JsonNode.Parse(ShopifyDocumentedPayloads.RefundJson)!.AsObject();

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static Dictionary<string, string> Headers(byte[] body, string topic, string secret = Secret, string shop = Shop) => new()
    {
        ["X-Shopify-Topic"] = topic,
        ["X-Shopify-Hmac-Sha256"] = ShopifySignatureVerifier.Sign(body, secret),
        ["X-Shopify-Shop-Domain"] = shop,
        ["X-Shopify-API-Version"] = "2026-10",
        ["X-Shopify-Webhook-Id"] = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
        ["X-Shopify-Event-Id"] = "98880550-7158-44d4-b7cd-2c97c8a091b5",
        ["X-Shopify-Triggered-At"] = "2026-10-05T13:12:48.123456789Z",
    };

    public static WebhookVerdict Deliver(JsonNode payload, string topic, ShopifySettings? settings = null, string secret = Secret)
    {
        var body = Bytes(payload);
        return Evaluate(body, Headers(body, topic, secret), settings);
    }

    public static WebhookVerdict Evaluate(byte[] body, IDictionary<string, string> headers, ShopifySettings? settings = null) =>
        new ShopifyWebhookEvaluator(settings ?? Settings, new FakeTimeProvider(ReceivedAt)).Evaluate(body, new WebhookHeaders(headers));
}
