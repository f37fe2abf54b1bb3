using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Pipeline.IntegrationTests.Infrastructure;
using static Pipeline.IntegrationTests.Collect.Hits;

namespace Pipeline.IntegrationTests.Collect;

/// <summary>Browser events on the queue, CORS, bad input, and the snippet and demo page routes.</summary>
public sealed class CollectorHttpTests(CollectorFixture fixture) : IClassFixture<CollectorFixture>
{
    private CollectorHost Host => fixture.Host;

    [Fact]
    public async Task A_browser_event_is_queued_with_its_event_id_and_a_repeated_event_id_is_accepted_once()
    {
        var vid = NewVid();
        var eventId = "purchase_" + Guid.NewGuid().ToString("N")[..10];
        var fbc = $"fb.1.{Now}.IwAR_ev";
        var cookies = new Dictionary<string, string> { ["_fbc"] = fbc, ["_fbp"] = "fb.1.1700000000000.987", ["_ga"] = "GA1.1.5.6", ["_ga_ABC123"] = "GS2.1.s1712345678$o1$g1$t1712345690$j0$l0$h0" };
        var purchase = Event("Purchase", eventId, new
        {
            value = 49.9, currency = "eur", order_id = "1001", contents = new[] { new { id = "mug-1", quantity = 2, price = 24.95 } },
        }, new Dictionary<string, string> { ["checkout_token"] = "tok1" });
        // The platform cookies come with the request here, not in the page item.
        var page = Page("https://shop.example/thanks?gclid=G1", new Dictionary<string, string> { ["gclid"] = "G1" },
            cookies: new Dictionary<string, string>(), referrer: "https://google.example/");

        var first = await Host.PostAsync(Body(vid, page, purchase), cookies);
        var second = await Host.PostAsync(Body(vid, purchase), cookies);

        Assert.Equal(HttpStatusCode.NoContent, first.Status);
        Assert.Equal(HttpStatusCode.NoContent, second.Status);
        var queued = (await Host.QueuedEventsAsync()).Where(e => e.GetProperty("event_id").GetString() == eventId).ToList();
        var evt = Assert.Single(queued);
        Assert.Equal("Purchase", evt.GetProperty("event_name").GetString());
        Assert.Equal("browser", evt.GetProperty("source").GetString());
        Assert.Equal("website", evt.GetProperty("action_source").GetString());
        Assert.Equal("https://shop.example/thanks", evt.GetProperty("event_source_url").GetString());
        Assert.Equal("https://google.example/", evt.GetProperty("referrer_url").GetString());
        Assert.Equal(49.9m, evt.GetProperty("value").GetDecimal());
        Assert.Equal("EUR", evt.GetProperty("currency").GetString());
        Assert.Equal("1001", evt.GetProperty("order_id").GetString());
        Assert.Equal(2, evt.GetProperty("contents")[0].GetProperty("quantity").GetInt32());
        Assert.Equal([vid, "shopify-checkout:tok1"], evt.GetProperty("visitor_ids").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("G1", evt.GetProperty("click_ids").GetProperty("gclid").GetString());
        var ids = evt.GetProperty("browser_ids");
        Assert.Equal(fbc, ids.GetProperty("fbc").GetString());
        Assert.Equal("fb.1.1700000000000.987", ids.GetProperty("fbp").GetString());
        Assert.Equal("5.6", ids.GetProperty("ga_client_id").GetString());
        Assert.Equal("1712345678", ids.GetProperty("ga_session_id").GetString());
        Assert.Equal("127.0.0.1", evt.GetProperty("client_ip_address").GetString());
        Assert.Contains("Chrome", evt.GetProperty("client_user_agent").GetString());
        Assert.True((await Host.Visitors.GetEntityIfExistsAsync<TableEntity>(vid, "event~" + eventId)).HasValue);
    }

    [Fact]
    public async Task The_same_event_id_from_another_visitor_is_its_own_event()
    {
        var eventId = "lead_" + Guid.NewGuid().ToString("N")[..10];

        await Host.PostAsync(Body(NewVid(), Event("Lead", eventId)));
        await Host.PostAsync(Body(NewVid(), Event("Lead", eventId)));

        Assert.Equal(2, (await Host.QueuedEventsAsync()).Count(e => e.GetProperty("event_id").GetString() == eventId));
    }

    [Fact]
    public async Task Identify_in_the_same_body_gives_the_event_hashed_user_data_only()
    {
        var eventId = "purchase_" + Guid.NewGuid().ToString("N")[..10];
        const string email = "Buyer.Same.Body@Example.com";

        await Host.PostAsync(Body(NewVid(), Identify(email), Event("Purchase", eventId, new { value = 1, currency = "EUR" })));

        var evt = (await Host.QueuedEventsAsync()).Single(e => e.GetProperty("event_id").GetString() == eventId);
        Assert.Equal(64, evt.GetProperty("user_data").GetProperty("em").GetProperty("meta").GetString()!.Length);
        Assert.DoesNotContain("buyer.same.body", evt.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Event_ids_and_link_ids_with_key_breaking_characters_are_stored_under_safe_keys()
    {
        var vid = NewVid();
        var eventId = "a/b\\c#d?e~f'" + Guid.NewGuid().ToString("N")[..6];

        var response = await Host.PostAsync(Body(vid, Event("AddToCart", eventId, linkIds: new Dictionary<string, string> { ["cart_token"] = "x/y#z?\\" })));

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Single(await Host.QueuedEventsAsync(), e => e.GetProperty("event_id").GetString() == eventId);
        foreach (var row in await Host.VisitorRowsAsync(vid))
            Assert.DoesNotMatch(@"[/\\#?\x00-\x1f]", row.RowKey);
    }

    [Fact]
    public async Task The_longest_non_ASCII_event_id_is_claimed_under_a_bounded_key_and_still_deduplicated()
    {
        var vid = NewVid();
        var eventId = Guid.NewGuid().ToString("N")[..8] + new string('\u00e9', 120);

        var first = await Host.PostAsync(Body(vid, Event("Lead", eventId)));
        var second = await Host.PostAsync(Body(vid, Event("Lead", eventId)));

        Assert.Equal(HttpStatusCode.NoContent, first.Status);
        Assert.Equal(HttpStatusCode.NoContent, second.Status);
        Assert.Single(await Host.QueuedEventsAsync(), e => e.GetProperty("event_id").GetString() == eventId);
        Assert.All(await Host.VisitorRowsAsync(vid), row => Assert.True(row.RowKey.Length <= 512));
    }

    [Fact]
    public async Task An_allowed_shop_origin_gets_CORS_headers_with_credentials()
    {
        var response = await Host.PostAsync(Body(NewVid(), Page()), headers: new Dictionary<string, string> { ["Origin"] = CollectorFixture.ShopOrigin });

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Equal(CollectorFixture.ShopOrigin, response.Headers["Access-Control-Allow-Origin"]);
        Assert.Equal("true", response.Headers["Access-Control-Allow-Credentials"]);
    }

    [Fact]
    public async Task The_preflight_of_an_allowed_origin_is_answered_and_a_foreign_origin_is_refused()
    {
        var allowed = new HttpRequestMessage(HttpMethod.Options, "/api/s/h");
        var preflight = await Host.SendAsync(allowed, headers: new Dictionary<string, string>
        {
            ["Origin"] = "https://other.example", ["Access-Control-Request-Method"] = "POST",
        });
        Assert.Equal(HttpStatusCode.NoContent, preflight.Status);
        Assert.Equal("https://other.example", preflight.Headers["Access-Control-Allow-Origin"]);
        Assert.Contains("POST", preflight.Headers["Access-Control-Allow-Methods"]);

        var vid = NewVid();
        var foreign = await Host.PostAsync(Body(vid, Page()), headers: new Dictionary<string, string> { ["Origin"] = "https://evil.example" });
        Assert.Equal(HttpStatusCode.Forbidden, foreign.Status);
        Assert.False(foreign.Headers.ContainsKey("Access-Control-Allow-Origin"));
        Assert.Empty(await Host.VisitorRowsAsync(vid));
    }

    [Fact]
    public async Task A_same_origin_page_needs_no_allowlist_entry()
    {
        var response = await Host.PostAsync(Body(NewVid(), Page()), headers: new Dictionary<string, string>
        {
            ["Origin"] = Host.BaseAddress.GetLeftPart(UriPartial.Authority),
        });

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.False(response.Headers.ContainsKey("Access-Control-Allow-Origin"));
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "", "empty" },
        { "{\"v\":1,\"e\":[", "JSON" },
        { "[1]", "object" },
        { "{\"v\":2,\"e\":[]}", "v must be 1" },
        { "{\"v\":1,\"e\":{}}", "e must be an array" },
        { "{\"v\":1,\"e\":[{\"t\":\"hit\",\"ts\":\"1\"}]}", "ts" },
        { "{\"v\":1,\"e\":[{\"t\":\"hit\",\"ts\":1,\"ck\":[]}]}", "ck" },
        { "{\"v\":1,\"e\":[{\"t\":\"id\",\"ts\":1,\"email\":{}}]}", "email" },
        { "{\"v\":1,\"e\":[{\"t\":\"ev\",\"ts\":1,\"n\":\"\\ud800\",\"id\":\"x\"}]}", "Unicode" },
        { "{\"v\":1,\"e\":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]}", "JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Malformed_bodies_and_wrong_types_get_400_with_a_reason(string body, string reason)
    {
        var response = await Host.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(reason, response.Body);
    }

    [Fact]
    public async Task Invalid_UTF8_gets_400()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/s/h") { Content = new ByteArrayContent([(byte)'{', 0xC3, 0x28, (byte)'}']) };

        Assert.Equal(HttpStatusCode.BadRequest, (await Host.SendAsync(request)).Status);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_gets_413()
    {
        var body = "{\"v\":1,\"e\":[],\"pad\":\"" + new string('x', 70_000) + "\"}";

        var response = await Host.PostAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
    }

    [Fact]
    public async Task Long_values_are_cut_to_their_documented_limits()
    {
        var vid = NewVid();
        var url = "https://shop.example/p?fbclid=IwAR_long&x=" + new string('y', 5000);

        await Host.PostAsync(Body(vid, Page(url, new Dictionary<string, string> { ["fbclid"] = "IwAR_long" })),
            headers: new Dictionary<string, string> { ["User-Agent"] = "Mozilla/5.0 " + new string('u', 2000) });

        var rows = await Host.VisitorRowsAsync(vid);
        Assert.Equal(2048, rows.Single(r => r.RowKey.StartsWith("click~", StringComparison.Ordinal)).GetString("LandingUrl")!.Length);
        Assert.Equal(512, rows.Single(r => r.RowKey == "profile").GetString("UserAgent")!.Length);
    }

    [Fact]
    public async Task No_input_produces_a_server_error()
    {
        var random = new Random(20240607);
        var samples = new List<string>
        {
            "null", "{}", "{\"v\":1}", "{\"v\":1,\"e\":null}", "{\"v\":1,\"vid\":\"../../x?y#z\",\"e\":[{\"t\":\"hit\",\"ts\":1}]}",
            "{\"v\":1,\"e\":[{\"t\":\"ev\",\"ts\":99999999999999999,\"n\":\"X\",\"id\":\"y\"}]}",
            "{\"v\":1,\"e\":[{\"t\":\"ev\",\"ts\":1,\"n\":\"X\",\"id\":\"" + new string('\u00e9', 128) + "\",\"p\":{\"value\":\"NaN\",\"contents\":[{\"id\":1e400}]}}]}",
            "{\"v\":1,\"e\":[{\"t\":\"hit\",\"ts\":1,\"u\":\"https://x/?utm_source=%E0%A4%A\",\"ck\":{\"fbclid\":\"" + new string('f', 500) + "\"}}]}",
            "{\"v\":1,\"e\":[{\"t\":\"id\",\"ts\":1,\"email\":\"\u0000@x\",\"phone\":\"++++\"}]}",
        };
        for (var i = 0; i < 20; i++)
        {
            var bytes = new byte[random.Next(1, 300)];
            random.NextBytes(bytes);
            samples.Add(Encoding.Latin1.GetString(bytes));
        }

        foreach (var sample in samples)
        {
            var response = await Host.PostAsync(sample);
            Assert.True((int)response.Status < 500, $"{(int)response.Status} for a sample of {sample.Length} chars: {response.Body}");
        }
    }

    [Fact]
    public async Task The_snippet_is_served_with_an_ETag_and_a_long_immutable_cache_only_when_versioned()
    {
        using var health = JsonDocument.Parse(await Host.Http.GetStringAsync("/api/health"));
        var versioned = health.RootElement.GetProperty("snippet").GetString()!;
        Assert.Matches(@"^/api/s/s\.js\?v=[0-9a-f]{12}$", versioned);

        var current = await Host.SendAsync(new HttpRequestMessage(HttpMethod.Get, versioned));
        Assert.Equal(HttpStatusCode.OK, current.Status);
        Assert.StartsWith("text/javascript", current.Headers["Content-Type"]);
        Assert.Equal("public, max-age=31536000, immutable", current.Headers["Cache-Control"]);
        Assert.Contains("pq", current.Body);

        var unversioned = await Host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/s/s.js"));
        Assert.Equal("public, max-age=300", unversioned.Headers["Cache-Control"]);

        var revalidated = await Host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/s/s.js"),
            headers: new Dictionary<string, string> { ["If-None-Match"] = current.Headers["ETag"] });
        Assert.Equal(HttpStatusCode.NotModified, revalidated.Status);

        Assert.Equal(HttpStatusCode.OK, (await Host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/s/shopify.js"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/s/nothing.js"))).Status);
    }

    [Fact]
    public async Task The_demo_page_is_served_when_enabled_and_points_at_the_versioned_snippet()
    {
        using var health = JsonDocument.Parse(await Host.Http.GetStringAsync("/api/health"));

        var page = await Host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/s/demo"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("text/html", page.Headers["Content-Type"]);
        Assert.Contains(health.RootElement.GetProperty("snippet").GetString()!, page.Body);
        Assert.Equal("/api/s/demo", health.RootElement.GetProperty("demo").GetString());
    }

    [Fact]
    public async Task The_events_route_is_not_taken_by_the_collector()
    {
        var response = await Host.Host.PostEventAsync(new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
