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
    public const string ErasePath = "/api/operator/erase";

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

        list.AddRange(EdgeCases(collector));

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

    /// <summary>
    /// The requests whose one fault is an unprintable id, a key written twice or the operator key in the URL, each
    /// otherwise authentic (right key, valid signature): every one must be exactly a 400.
    /// </summary>
    public static List<BadRequest> EdgeCases(bool collector)
    {
        var validShopify = ShopifyPayloads.Bytes(ShopifyPayloads.Order(5012345678901));
        var validStripe = Utf8(StripePayloads.CheckoutSessionCompleted("evt_bad", "cs_bad", "pi_bad").ToJsonString());
        return [.. HostileIds(validShopify, validStripe), .. DuplicateKeys(validShopify, validStripe), .. OperatorKeysInUrls(),
            .. collector ? CollectorHostileIds() : []];
    }

    /// <summary>Characters no id may hold: C0 and C1 controls, NUL, DEL, zero-width, bidirectional overrides, separators.</summary>
    private static readonly string[] UnprintableInIds = ["\u0000", "\u0001", "\u0007", "\n", "\u001f", "\u007f", "\u0085", "\u200b", "\u202e", "\u2028", "\ufeff"];

    /// <summary>
    /// Authenticated requests whose only fault is an id holding an unprintable character: the server API (with the
    /// right key) in every id field, Shopify (validly signed) in its tokens and webhook id, Stripe (validly signed) in
    /// the order id of its metadata. Each must be a 400 that names the field, and nothing forwarded.
    /// </summary>
    private static IEnumerable<BadRequest> HostileIds(byte[] validShopify, byte[] validStripe)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
        foreach (var bad in UnprintableInIds)
        {
            var tag = $"ids/U+{(int)bad[0]:X4}";
            foreach (var field in new[] { "event_id", "order_id", "original_event_id", "visitor_id" })
            {
                var fields = new Dictionary<string, object> { ["event_name"] = "Purchase", ["event_time"] = now, ["event_id"] = "purchase_ok", ["action_source"] = "website" };
                fields[field] = $"purchase_{bad}1001";
                yield return new($"{tag}/api-{field}", "POST", EventsPath, Json(("x-api-key", PipelineHost.ApiKey)), Utf8(Json(fields)));
            }
            yield return new($"{tag}/api-click-id", "POST", EventsPath, Json(("x-api-key", PipelineHost.ApiKey)), Utf8(Json(new
            {
                event_name = "Purchase", event_time = now, event_id = "purchase_ok", action_source = "website", click_ids = new { gclid = $"Cj0{bad}" },
            })));
            yield return new($"{tag}/api-external-id", "POST", EventsPath, Json(("x-api-key", PipelineHost.ApiKey)), Utf8(Json(new
            {
                event_name = "Purchase", event_time = now, event_id = "purchase_ok", action_source = "website", user_data = new { external_id = $"crm{bad}42" },
            })));
            yield return new($"{tag}/api-batch", "POST", EventsPath, Json(("x-api-key", PipelineHost.ApiKey)), Utf8(Json(new
            {
                events = new object[]
                {
                    new { event_name = "Purchase", event_time = now, event_id = "purchase_fine", action_source = "website" },
                    new { event_name = "Purchase", event_time = now, event_id = $"purchase_{bad}", action_source = "website" },
                },
            })));

            // Shopify escapes control characters of its tokens into key-safe text; what it cannot escape is refused.
            var order = System.Text.Json.Nodes.JsonNode.Parse(validShopify)!.AsObject();
            order["checkout_token"] = $"f0a8{bad}c9d1";
            order["id"] = 5012345670000 + bad[0];
            var shopify = Utf8(order.ToJsonString());
            if (bad[0] is '\u200b' or '\u202e' or '\u2028' or '\ufeff')
                yield return new($"{tag}/shopify-checkout-token/signed", "POST", ShopifyOrders.Path, ShopifyHeaders(shopify, ShopifySignatureVerifier.Sign(shopify, ShopifyPayloads.Secret)), shopify);
            var webhookIdHeaders = ShopifyHeaders(validShopify, ShopifySignatureVerifier.Sign(validShopify, ShopifyPayloads.Secret));
            webhookIdHeaders["X-Shopify-Webhook-Id"] = $"b545{bad}57e4";
            if (bad[0] > 0x7f) yield return new($"{tag}/shopify-webhook-id/signed", "POST", ShopifyOrders.Path, webhookIdHeaders, validShopify);

            var stripe = System.Text.Json.Nodes.JsonNode.Parse(validStripe)!.AsObject();
            stripe["data"]!["object"]!["metadata"] = new System.Text.Json.Nodes.JsonObject { ["order_id"] = $"A-{bad}1001" };
            var stripeBody = Utf8(stripe.ToJsonString());
            yield return new($"{tag}/stripe-order-id/signed", "POST", StripePath, Json(("Stripe-Signature", StripeSignature(stripeBody, Now()))), stripeBody);
        }
    }

    /// <summary>
    /// A key written twice in one object (<c>"value":12.5,"value":99999</c>), where it matters most: with the right key
    /// or a valid signature, so only the duplicate is wrong. Today's parsers let the last one win; each must be a 400.
    /// </summary>
    private static IEnumerable<BadRequest> DuplicateKeys(byte[] validShopify, byte[] validStripe)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
        var head = $"\"event_name\":\"Purchase\",\"event_time\":{now},\"event_id\":\"purchase_dup\",\"action_source\":\"website\",\"currency\":\"EUR\"";
        foreach (var body in new[]
                 {
                     $"{{{head},\"value\":12.5,\"value\":99999}}",
                     $"{{{head},\"event_id\":\"purchase_other\"}}",
                     $"{{{head},\"user_data\":{{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}}}}",
                     $"{{{head},\"click_ids\":{{\"gclid\":\"G1\",\"gclid\":\"G2\"}}}}",
                     $"{{\"events\":[{{{head},\"value\":1,\"value\":2}}]}}",
                     $"{{\"events\":[],\"events\":[{{{head}}}]}}",
                     $"{{{head},\"va\\u006cue\":12.5,\"value\":99999}}",
                 })
            yield return new("duplicate-keys/api", "POST", EventsPath, Json(("x-api-key", PipelineHost.ApiKey)), Utf8(body));

        var shopify = Utf8("{\"total_price\":\"99999.00\"," + Encoding.UTF8.GetString(validShopify)[1..]);
        yield return new("duplicate-keys/shopify/signed", "POST", ShopifyOrders.Path, ShopifyHeaders(shopify, ShopifySignatureVerifier.Sign(shopify, ShopifyPayloads.Secret)), shopify);
        var stripe = Utf8("{\"type\":\"checkout.session.completed\"," + Encoding.UTF8.GetString(validStripe)[1..]);
        yield return new("duplicate-keys/stripe/signed", "POST", StripePath, Json(("Stripe-Signature", StripeSignature(stripe, Now()))), stripe);
        yield return new("duplicate-keys/replay", "POST", ReplayPath, Json(("x-operator-key", ReliabilityScenarios.OperatorKey)),
            Utf8("{\"destination\":\"nowhere\",\"destination\":\"meta-main\",\"dry_run\":true}"));
        yield return new("duplicate-keys/erase", "POST", ErasePath, Json(("x-operator-key", ReliabilityScenarios.OperatorKey)),
            Utf8("{\"visitor_id\":\"v-nobody-1\",\"visitor_id\":\"v-nobody-2\"}"));
    }

    /// <summary>The right operator key, but in the URL: only the status page's own GET may take it there.</summary>
    private static IEnumerable<BadRequest> OperatorKeysInUrls()
    {
        var key = Uri.EscapeDataString(ReliabilityScenarios.OperatorKey);
        var empty = new Dictionary<string, string>();
        foreach (var parameter in new[] { "key", "x-operator-key", "KEY" })
        {
            yield return new($"key-in-url/outbox/{parameter}", "GET", $"/api/operator/outbox?{parameter}={key}", empty, []);
            yield return new($"key-in-url/status-json/{parameter}", "GET", $"/api/status.json?{parameter}={key}", empty, []);
            yield return new($"key-in-url/replay/{parameter}", "POST", $"{ReplayPath}?{parameter}={key}", Json(), Utf8("{\"dry_run\":false}"));
            yield return new($"key-in-url/erase/{parameter}", "POST", $"{ErasePath}?{parameter}={key}", Json(), Utf8("{\"visitor_id\":\"v-nobody-1\"}"));
        }
        // In the URL and in the header: still refused, the URL is already in someone's log.
        yield return new("key-in-url/replay/with-header", "POST", $"{ReplayPath}?key={key}", Json(("x-operator-key", ReliabilityScenarios.OperatorKey)), Utf8("{}"));
    }

    /// <summary>The snippet's body with an unprintable or oversized id, or a key written twice: each a 400.</summary>
    private static IEnumerable<BadRequest> CollectorHostileIds()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var text = new Dictionary<string, string> { ["Content-Type"] = "text/plain" };
        foreach (var bad in UnprintableInIds)
        {
            var escaped = Json(bad)[1..^1];
            var tag = $"ids/U+{(int)bad[0]:X4}";
            yield return new($"{tag}/collector-event-id", "POST", CollectorPath, text,
                Utf8($"{{\"v\":1,\"e\":[{{\"t\":\"ev\",\"ts\":{now},\"n\":\"Purchase\",\"id\":\"purchase_{escaped}1\"}}]}}"));
            yield return new($"{tag}/collector-order-id", "POST", CollectorPath, text,
                Utf8($"{{\"v\":1,\"e\":[{{\"t\":\"ev\",\"ts\":{now},\"n\":\"Purchase\",\"id\":\"p1\",\"p\":{{\"order_id\":\"10{escaped}01\"}}}}]}}"));
            yield return new($"{tag}/collector-link-id", "POST", CollectorPath, text,
                Utf8($"{{\"v\":1,\"e\":[{{\"t\":\"ev\",\"ts\":{now},\"n\":\"Lead\",\"id\":\"l1\",\"x\":{{\"checkout_token\":\"t{escaped}\"}}}}]}}"));
            yield return new($"{tag}/collector-external-id", "POST", CollectorPath, text,
                Utf8($"{{\"v\":1,\"e\":[{{\"t\":\"id\",\"ts\":{now},\"externalId\":\"crm{escaped}42\"}}]}}"));
        }
        yield return new("duplicate-keys/collector", "POST", CollectorPath, text,
            Utf8($"{{\"v\":1,\"e\":[{{\"t\":\"ev\",\"ts\":{now},\"n\":\"Purchase\",\"id\":\"p1\",\"p\":{{\"value\":12.5,\"value\":99999,\"currency\":\"EUR\"}}}}]}}"));
        yield return new("duplicate-keys/collector", "POST", CollectorPath, text,
            Utf8($"{{\"v\":1,\"e\":[{{\"t\":\"ev\",\"ts\":{now},\"n\":\"Purchase\",\"id\":\"p1\",\"id\":\"p2\"}}]}}"));
    }

    /// <summary>
    /// A collector flood from one address: bare hits (no visitor id, click id, cookie, identify or consent), each a
    /// new browser as far as the collector can tell. Answered 2xx while the address is within its limit (and then
    /// stores nothing), 429 with <c>Retry-After</c> beyond it; never a 5xx.
    /// </summary>
    public static IEnumerable<BadRequest> CollectorFlood(int hits)
    {
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "text/plain",
            ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
        };
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < hits; i++)
            yield return new("collector-flood/bare", "POST", CollectorPath, headers,
                Utf8($"{{\"v\":1,\"e\":[{{\"t\":\"hit\",\"ts\":{now + i},\"u\":\"https://shop.example/p/{i}\"}}]}}"));
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
