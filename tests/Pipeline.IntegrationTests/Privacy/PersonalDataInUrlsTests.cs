using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Pipeline.IntegrationTests.Browser;
using Pipeline.IntegrationTests.Collect;
using Pipeline.IntegrationTests.Destinations;
using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.IntegrationTests.Sources;
using Pipeline.Ledger;
using Pipeline.Sources.Shopify;
using Xunit.Abstractions;

namespace Pipeline.IntegrationTests.Privacy;

/// <summary>
/// A visitor lands from a newsletter link that carries their e-mail and phone in the query, browses (events forwarded
/// to Meta and TikTok) and buys through Shopify, whose order repeats the landing URL. Nothing of the e-mail or the
/// phone may be left in Azurite's files, in what was written to storage, in any platform request, outbox row or log
/// line; the UTM and gclid parameters travel on.
/// </summary>
public sealed class PersonalDataInUrlsTests(ITestOutputHelper output)
{
    private const string Gclid = "Cj0KCQjw_scrubbed-landing";
    private const string LandingQuery = $"?utm_source=newsletter&email=jane%40example.com&phone=%2B16505551212&gclid={Gclid}";
    private const string Landing = "https://shop.example/" + LandingQuery;
    private const string ScrubbedLanding = $"https://shop.example/?utm_source=newsletter&gclid={Gclid}";
    private const string ProductPage = "https://shop.example/products/linen-shirt?variant=1&first_name=Jane&utm_source=newsletter#email=jane%40example.com";
    private const string ScrubbedProductPage = "https://shop.example/products/linen-shirt?variant=1&utm_source=newsletter";
    private const string Referrer = "https://mail.example/read?to=jane%40example.com&folder=inbox";

    /// <summary>The e-mail's and the phone's parts, as anyone grepping for them would try.</summary>
    private static readonly string[] Plaintexts = ["jane", "example.com", "6505551212"];

    private const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

    [Fact]
    public async Task A_landing_with_email_and_phone_in_its_url_leaves_no_trace_of_them_anywhere_and_keeps_utm_and_gclid()
    {
        await using var rig = await TraceRig.StartAsync();
        var host = rig.Host;
        var vid = Hits.NewVid();
        // The landing, with consent and a ViewContent on it; then AddToCart on a product page (its URL comes from the page view).
        await CollectAsync(host, Hits.Body(vid, Hits.Consent(granted: true),
            Hits.Page(Landing, new Dictionary<string, string> { ["gclid"] = Gclid }, ts: Hits.Now - 600_000, referrer: Referrer),
            Hits.Event("ViewContent", "vc_" + vid, url: Landing)));
        await CollectAsync(host, Hits.Body(vid, Hits.Page(ProductPage),
            new Dictionary<string, object?> { ["t"] = "ev", ["ts"] = Hits.Now, ["n"] = "AddToCart", ["id"] = "atc_" + vid }));
        var orderId = 6012345678901;
        await PostOrderAsync(host, orderId, vid, DateTimeOffset.UtcNow.AddMinutes(-1));

        var purchaseId = $"purchase_{orderId}";
        foreach (var eventId in new[] { "vc_" + vid, "atc_" + vid, purchaseId })
            foreach (var destination in new[] { "meta-main", "tiktok-main", "outbox" })
                await host.WaitForStateAsync(eventId, destination, DeliveryState.Delivered);

        // What Meta and TikTok were told about the pages: scrubbed, with utm and gclid intact.
        Assert.Equal(ScrubbedLanding, MetaEvent(rig.Meta, "vc_" + vid).GetProperty("event_source_url").GetString());
        Assert.Equal(ScrubbedLanding, TikTokEvent(rig.TikTok, "vc_" + vid).GetProperty("page").GetProperty("url").GetString());
        Assert.Equal(ScrubbedProductPage, MetaEvent(rig.Meta, "atc_" + vid).GetProperty("event_source_url").GetString());
        Assert.Equal(ScrubbedProductPage, TikTokEvent(rig.TikTok, "atc_" + vid).GetProperty("page").GetProperty("url").GetString());
        Assert.Equal("https://mail.example/read?folder=inbox",
            TikTokEvent(rig.TikTok, "vc_" + vid).GetProperty("page").GetProperty("referrer").GetString());
        // The order's click id still came through from its landing_site.
        Assert.Equal(Gclid, (await OutboxEventAsync(host, purchaseId)).GetProperty("click_ids").GetProperty("gclid").GetString());

        await rig.AssertNowhereAsync(Plaintexts, visible: [Gclid, "utm_source=newsletter"]);
    }

    [Fact]
    public async Task Through_the_real_snippet_in_Chromium_and_a_Shopify_order_the_email_and_phone_of_the_landing_url_go_nowhere()
    {
        if (!HeadlessChromium.IsAvailable(out var reason))
        {
            output.WriteLine("Skipped: " + reason);
            return;
        }
        await using var rig = await TraceRig.StartAsync(new Dictionary<string, string?>
        {
            ["Pipeline:Collector:DemoPage"] = "true",
            // The order webhook's copy of the purchase goes first; the browser's waits.
            ["Pipeline:Match:BrowserConversionDelaySeconds"] = "30",
        });
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        await page.AddInitScriptAsync("window.fbq = () => {}; window.ttq = { track: () => {} }; window.gtag = () => {};");
        var demo = $"http://www.shop.test:{rig.Host.BaseAddress.Port}/api/s/demo";
        var landedAt = DateTimeOffset.UtcNow;

        await page.GotoAsync(demo + LandingQuery);
        await page.ClickAsync("#consent-accept");
        await page.ClickAsync("#add-to-cart");
        await page.ClickAsync("#buy");
        var orderId = long.Parse((await page.TextContentAsync("#order-id"))!);
        var vid = await Eventually.Get(async () => (await chromium.Context.CookiesAsync()).FirstOrDefault(c => c.Name == "_pvid")?.Value, "the _pvid cookie");
        // Event times are whole seconds: the order is placed in a second after the landing's.
        await Eventually.True(() => Task.FromResult(DateTimeOffset.UtcNow.ToUnixTimeSeconds() > landedAt.ToUnixTimeSeconds()), "the next second");
        await PostOrderAsync(rig.Host, orderId, vid, DateTimeOffset.UtcNow);

        var addToCart = await Eventually.Get(() => Task.FromResult(Events(rig.Meta.Succeeded)
            .Select(e => (JsonElement?)e).FirstOrDefault(e => e!.Value.GetProperty("event_name").GetString() == "AddToCart")), "AddToCart at Meta");
        var addToCartId = addToCart!.Value.GetProperty("event_id").GetString()!;
        await rig.Host.WaitForStateAsync(addToCartId, "tiktok-main", DeliveryState.Delivered);
        foreach (var destination in new[] { "meta-main", "tiktok-main", "outbox" })
            await rig.Host.WaitForStateAsync($"purchase_{orderId}", destination, DeliveryState.Delivered);

        var scrubbed = $"{demo}?utm_source=newsletter&gclid={Gclid}";
        Assert.Equal(scrubbed, addToCart.Value.GetProperty("event_source_url").GetString());
        Assert.Equal(scrubbed, TikTokEvent(rig.TikTok, addToCartId).GetProperty("page").GetProperty("url").GetString());
        Assert.Equal(Gclid, (await OutboxEventAsync(rig.Host, $"purchase_{orderId}")).GetProperty("click_ids").GetProperty("gclid").GetString());

        await rig.AssertNowhereAsync(Plaintexts, visible: [Gclid, "utm_source=newsletter"]);
    }

    [Fact]
    public async Task The_server_apis_event_source_url_and_referrer_url_reach_Meta_and_TikTok_scrubbed()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        await using var tiktok = await FakeTikTokServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Meta(meta), DestinationSpec.TikTok(tiktok)));
        var purchase = PlatformEvents.Purchase();
        purchase["event_source_url"] = "https://jane:s3cret@shop.example/checkout/thank-you?utm_source=newsletter&customer_email=jane%40example.com&gclid=" + Gclid;
        purchase["referrer_url"] = Referrer;
        var eventId = PlatformEvents.EventId(purchase);

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostEventAsync(purchase)).StatusCode);

        await host.WaitForStateAsync(eventId, "meta-main", DeliveryState.Delivered);
        await host.WaitForStateAsync(eventId, "tiktok-main", DeliveryState.Delivered);
        const string scrubbed = "https://shop.example/checkout/thank-you?utm_source=newsletter&gclid=" + Gclid;
        Assert.Equal(scrubbed, MetaEvent(meta, eventId).GetProperty("event_source_url").GetString());
        var page = TikTokEvent(tiktok, eventId).GetProperty("page");
        Assert.Equal(scrubbed, page.GetProperty("url").GetString());
        Assert.Equal("https://mail.example/read?folder=inbox", page.GetProperty("referrer").GetString());
        Assert.DoesNotContain("jane", meta.Requests.Single().Body + tiktok.Requests.Single().Body, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A paid Shopify order of the visitor, whose landing_site is the landing's.</summary>
    private static async Task PostOrderAsync(PipelineHost host, long orderId, string vid, DateTimeOffset boughtAt)
    {
        var order = ShopifyPayloads.Order(orderId);
        order["landing_site"] = "/" + LandingQuery;
        order["referring_site"] = Referrer;
        // Bought after the landing: an order of the documented example's date would be too old for Meta and TikTok.
        order["processed_at"] = boughtAt.ToString("yyyy-MM-ddTHH:mm:sszzz");
        order["created_at"] = boughtAt.ToString("yyyy-MM-ddTHH:mm:sszzz");
        order["note_attributes"] = new JsonArray(new JsonObject { ["name"] = "_pvid", ["value"] = vid });
        var body = ShopifyPayloads.Bytes(order);
        var webhook = await host.PostShopifyAsync(body, ShopifyPayloads.Headers(body, ShopifyTopics.OrdersPaid));
        Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
    }

    private static async Task<JsonElement> OutboxEventAsync(PipelineHost host, string eventId)
    {
        var row = (await host.Table("outbox").GetEntityAsync<TableEntity>("outbox", eventId)).Value;
        return JsonDocument.Parse(row.GetString("Body")!).RootElement.Clone();
    }

    private static async Task CollectAsync(PipelineHost host, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/s/h")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "text/plain"),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        using var response = await host.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"collector answered {(int)response.StatusCode}");
    }

    private static JsonElement MetaEvent(FakeMetaServer meta, string eventId) =>
        Events(meta.Succeeded).First(e => e.GetProperty("event_id").GetString() == eventId);

    private static JsonElement TikTokEvent(FakeTikTokServer tiktok, string eventId) =>
        Events(tiktok.Succeeded).First(e => e.GetProperty("event_id").GetString() == eventId);

    private static IEnumerable<JsonElement> Events(IEnumerable<ReceivedRequest> requests) =>
        requests.SelectMany(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").EnumerateArray().Select(e => e.Clone()).ToList());
}
