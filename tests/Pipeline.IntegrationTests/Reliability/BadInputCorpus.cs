using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.IntegrationTests.Sources;
using Pipeline.Sources.Shopify;

namespace Pipeline.IntegrationTests.Reliability;

/// <summary>One malformed request: where it goes, its headers and raw body, and what kind of bad it is.</summary>
public sealed record BadRequest(string Kind, string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// A generated corpus of malformed requests against every HTTP endpoint: broken JSON, wrong types, huge fields,
/// invalid UTF-8, table-key characters, forged and replayed signatures, bad keys, hostile headers, and seeded
/// truncations and byte flips of valid payloads. Nothing in it is a valid, authentic conversion.
/// </summary>
public static class BadInputCorpus
{
    public const string EventsPath = "/api/events";
    public const string StripePath = "/api/webhooks/stripe";
    public const string ReplayPath = "/api/operator/replay";
    public const string CollectorPath = "/api/s/h";

    private static readonly string[] KeyCharacters = ["a/b", "a\\b", "a#b", "a?b", "a\u0001b", "a\u007fb", "\t", "", new string('k', 2000), "..", "%2F"];

    /// <summary>Bodies that are not what any endpoint accepts, as raw bytes.</summary>
    public static IEnumerable<(string Kind, byte[] Body)> BrokenBodies()
    {
        foreach (var text in new[] { "", " ", "{", "[", "}", "{\"a\":", "{}}", "[]", "null", "true", "0", "-1", "\"text\"", "{\"a\":1,}", "{'a':1}",
                     "{\"event_name\":", "1e400", "{\"a\":NaN}", "<xml/>", "event_name=Purchase&value=1" })
            yield return ("broken-json", Utf8(text));
        yield return ("invalid-utf8", [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]);
        yield return ("invalid-utf8", [0xff, 0xfe, 0xfd]);
        yield return ("invalid-utf8", [0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d]);
        yield return ("nul-bytes", Utf8("{\"event_name\":\"Pur\u0000chase\"}"));
        yield return ("lone-surrogate", Utf8("{\"event_name\":\"\\ud800\",\"event_id\":\"\\udfff\"}"));
        yield return ("deep-nesting", Utf8(new string('[', 5000) + new string(']', 5000)));
        yield return ("deep-nesting", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + new string('}', 3000)));
        yield return ("huge-field", Utf8("{\"event_name\":\"" + new string('x', 200_000) + "\"}"));
        yield return ("huge-body", Utf8("{\"event_name\":\"" + new string('x', 2_000_000) + "\"}"));
        yield return ("huge-array", Utf8("{\"events\":[" + string.Join(",", Enumerable.Repeat("{}", 5000)) + "]}"));
        foreach (var wrong in new[] { "\"event_time\":\"yesterday\"", "\"value\":\"lots\"", "\"currency\":5", "\"user_data\":[]", "\"contents\":{}",
                     "\"event_id\":null", "\"event_id\":[1]", "\"event_time\":1e30", "\"value\":-1e308", "\"click_ids\":\"gclid\"", "\"test\":\"yes\"",
                     "\"id\":\"not-a-number\"", "\"id\":1e400", "\"type\":7", "\"data\":\"x\"", "\"line_items\":\"x\"", "\"total_price\":{}" })
            yield return ("wrong-types", Utf8($"{{\"event_name\":\"Purchase\",\"action_source\":\"website\",{wrong}}}"));
        foreach (var key in KeyCharacters)
        {
            yield return ("table-key-chars", Utf8(Json(new { event_name = "Purchase", event_time = 99_999_999_999L, event_id = key, action_source = "website", id = key })));
        }
    }

    /// <summary>The full corpus; <paramref name="collector"/> adds the browser collector's endpoint.</summary>
    public static List<BadRequest> Generate(bool collector, int mutationsPerEndpoint = 60)
    {
        var random = new Random(20261129);
        var list = new List<BadRequest>();
        var bodies = BrokenBodies().ToList();
        var validShopify = ShopifyPayloads.Bytes(ShopifyPayloads.Order(5012345678901));
        var validStripe = Utf8(StripePayloads.CheckoutSessionCompleted("evt_bad", "cs_bad", "pi_bad").ToJsonString());
        var validEvent = Utf8(Json(new { event_name = "Purchase", event_time = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, event_id = "purchase_bad", action_source = "website" }));
        var validHit = Utf8("{\"v\":1,\"vid\":\"v1.bad\",\"hits\":[{\"t\":\"page\",\"url\":\"https://shop.example/?gclid=abc\"}]}");

        foreach (var (kind, body) in bodies)
        {
            // Server API: no key, a wrong key, the right key (the body is what is wrong).
            list.Add(new(kind + "/no-key", "POST", EventsPath, Json(), body));
            list.Add(new(kind + "/wrong-key", "POST", EventsPath, Json(("x-api-key", "not-the-key")), body));
            list.Add(new(kind, "POST", EventsPath, Json(("x-api-key", PipelineHost.ApiKey)), body));
            // Shopify: unsigned, forged, a signature replayed from another body, validly signed garbage.
            list.Add(new(kind + "/unsigned", "POST", ShopifyOrders.Path, ShopifyHeaders(body, null), body));
            list.Add(new(kind + "/forged", "POST", ShopifyOrders.Path, ShopifyHeaders(body, "c2lnbmF0dXJl"), body));
            list.Add(new(kind + "/replayed-signature", "POST", ShopifyOrders.Path, ShopifyHeaders(body, ShopifySignatureVerifier.Sign(validShopify, ShopifyPayloads.Secret)), body));
            list.Add(new(kind + "/signed", "POST", ShopifyOrders.Path, ShopifyHeaders(body, ShopifySignatureVerifier.Sign(body, ShopifyPayloads.Secret)), body));
            list.Add(new(kind + "/unknown-shop", "POST", ShopifyOrders.Path, ShopifyHeaders(body, ShopifySignatureVerifier.Sign(body, ShopifyPayloads.Secret), "evil.myshopify.com"), body));
            // Stripe: unsigned, forged, stale (a replay of a once-valid signature), validly signed garbage.
            list.Add(new(kind + "/unsigned", "POST", StripePath, Json(), body));
            list.Add(new(kind + "/forged", "POST", StripePath, Json(("Stripe-Signature", $"t={Now()},v1={new string('0', 64)}")), body));
            list.Add(new(kind + "/stale-signature", "POST", StripePath, Json(("Stripe-Signature", StripeSignature(body, Now() - 3600))), body));
            list.Add(new(kind + "/signed", "POST", StripePath, Json(("Stripe-Signature", StripeSignature(body, Now()))), body));
            // Operator replay: no key, a wrong key, the right key with a broken filter.
            list.Add(new(kind + "/no-key", "POST", ReplayPath, Json(), body));
            list.Add(new(kind + "/wrong-key", "POST", ReplayPath, Json(("x-operator-key", "nope")), body));
            if (kind != "table-key-chars" && body.Length > 0)
                list.Add(new(kind, "POST", ReplayPath, Json(("x-operator-key", ReliabilityScenarios.OperatorKey)), body));
            if (collector) list.Add(new(kind, "POST", CollectorPath, new Dictionary<string, string> { ["Content-Type"] = "text/plain" }, body));
        }

        for (var i = 0; i < mutationsPerEndpoint; i++)
        {
            // A cut valid payload is never valid JSON: safe to send signed and with the right key.
            var cutShopify = Truncate(validShopify, random);
            list.Add(new("truncated/signed", "POST", ShopifyOrders.Path, ShopifyHeaders(cutShopify, ShopifySignatureVerifier.Sign(cutShopify, ShopifyPayloads.Secret)), cutShopify));
            var cutStripe = Truncate(validStripe, random);
            list.Add(new("truncated/signed", "POST", StripePath, Json(("Stripe-Signature", StripeSignature(cutStripe, Now()))), cutStripe));
            var cutEvent = Truncate(validEvent, random);
            list.Add(new("truncated", "POST", EventsPath, Json(("x-api-key", PipelineHost.ApiKey)), cutEvent));
            // A flipped byte may still be valid JSON: only ever sent without a valid signature or key.
            var flipped = Flip(validShopify, random);
            list.Add(new("flipped/signature-of-original", "POST", ShopifyOrders.Path, ShopifyHeaders(flipped, ShopifySignatureVerifier.Sign(validShopify, ShopifyPayloads.Secret)), flipped));
            var flippedStripe = Flip(validStripe, random);
            list.Add(new("flipped/signature-of-original", "POST", StripePath, Json(("Stripe-Signature", StripeSignature(validStripe, Now()))), flippedStripe));
            list.Add(new("flipped/wrong-key", "POST", EventsPath, Json(("x-api-key", "wrong")), Flip(validEvent, random)));
            if (collector)
            {
                list.Add(new("truncated", "POST", CollectorPath, new Dictionary<string, string> { ["Content-Type"] = "text/plain" }, Truncate(validHit, random)));
                list.Add(new("random-bytes", "POST", CollectorPath, new Dictionary<string, string> { ["Content-Type"] = "text/plain" }, RandomBytes(random)));
            }
            list.Add(new("random-bytes", "POST", EventsPath, Json(("x-api-key", PipelineHost.ApiKey)), RandomBytes(random)));
        }

        // Hostile headers: huge values, non-ASCII, encoded CR/LF, a wrong content type, every endpoint.
        foreach (var path in new[] { EventsPath, ShopifyOrders.Path, StripePath, ReplayPath }.Concat(collector ? [CollectorPath] : []))
        {
            list.Add(new("header/huge", "POST", path, Json(("x-api-key", new string('k', 30_000)), ("X-Shopify-Shop-Domain", new string('s', 5000))), validEvent));
            list.Add(new("header/non-ascii", "POST", path, Json(("x-api-key", "kéy✓"), ("X-Shopify-Topic", "orders/paid✓"), ("Stripe-Signature", "t=✓,v1=✓")), validEvent));
            list.Add(new("header/encoded-crlf", "POST", path, Json(("x-api-key", "a%0d%0aSet-Cookie: x=1"), ("X-Shopify-Shop-Domain", "a%0d%0ab.myshopify.com")), validEvent));
            list.Add(new("header/content-type", "POST", path, new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" }, Utf8("a=1&b=2")));
            list.Add(new("header/duplicate-signature", "POST", path, Json(("Stripe-Signature", "t=1,v1=a,t=2,v1=b,v1=c")), validStripe));
            list.Add(new("method/get", "GET", path, new Dictionary<string, string>(), []));
        }
        return list;
    }

    /// <summary>Raw HTTP requests with CR/LF injected into header values (a client library refuses to send them).</summary>
    public static IEnumerable<string> HeaderInjections(string host)
    {
        foreach (var path in new[] { EventsPath, ShopifyOrders.Path, StripePath, ReplayPath, CollectorPath })
        {
            yield return $"POST {path} HTTP/1.1\r\nHost: {host}\r\nx-api-key: a\rSet-Cookie: x=1\r\nContent-Length: 2\r\n\r\n{{}}";
            yield return $"POST {path} HTTP/1.1\r\nHost: {host}\r\nX-Shopify-Topic: orders/paid\nX-Injected: 1\r\nContent-Length: 2\r\n\r\n{{}}";
            yield return $"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{{}}";
            yield return $"POST {path} HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\nzz\r\n";
        }
    }

    private static Dictionary<string, string> Json(params (string Name, string Value)[] headers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" };
        foreach (var (name, value) in headers) result[name] = value;
        return result;
    }

    private static Dictionary<string, string> ShopifyHeaders(byte[] body, string? signature, string shop = ShopifyPayloads.Shop)
    {
        var headers = ShopifyPayloads.Headers(body, ShopifyTopics.OrdersPaid, shop: shop,
            webhookId: "bad-" + Convert.ToHexStringLower(SHA256.HashData(body))[..12]);
        if (signature is null) headers.Remove("X-Shopify-Hmac-Sha256");
        else headers["X-Shopify-Hmac-Sha256"] = signature;
        headers["Content-Type"] = "application/json";
        return headers;
    }

    private static string StripeSignature(byte[] body, long timestamp)
    {
        var signed = Utf8(timestamp.ToString(CultureInfo.InvariantCulture) + ".").Concat(body).ToArray();
        return $"t={timestamp},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Utf8(StripePayloads.Secret), signed))}";
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static byte[] Truncate(byte[] body, Random random) => body[..random.Next(0, body.Length - 1)];

    private static byte[] Flip(byte[] body, Random random)
    {
        var copy = body.ToArray();
        copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 4096)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);
}
