using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.IntegrationTests.Collect;
using Pipeline.IntegrationTests.Destinations;
using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.IntegrationTests.Sources;
using Pipeline.Ledger;
using Pipeline.Sources.Shopify;

namespace Pipeline.IntegrationTests.Privacy;

/// <summary>
/// A visitor lands from a newsletter link that carries their e-mail and phone in the query, browses (events forwarded
/// to Meta and TikTok) and buys through Shopify, whose order repeats the landing URL. Nothing of the e-mail or the
/// phone may be left in Azurite's files, in what was written to storage, in any platform request, outbox row or log
/// line; the UTM and gclid parameters travel on.
/// </summary>
public sealed class PersonalDataInUrlsTests
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
        await using var azurite = await Azurite.StartDedicatedAsync();
        await using var meta = await FakeMetaServer.StartAsync();
        await using var tiktok = await FakeTikTokServer.StartAsync();
        var logs = new CapturedLogs();
        var tap = new StorageRequestTap();
        var settings = DestinationSpec.HostSettings(DestinationSpec.Meta(meta), DestinationSpec.TikTok(tiktok),
            new DestinationSpec("outbox", "outbox", "live", new Dictionary<string, string>()));
        foreach (var (key, value) in ShopifyPayloads.Settings()) settings[key] = value;
        settings["Logging:LogLevel:Default"] = "Trace";
        var host = await PipelineHost.StartAsync(settings, azurite: azurite, services: services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.AddSingleton(tap.Clients(azurite.ConnectionString));
        });
        var outboxRows = new List<string>();
        try
        {
            var vid = Hits.NewVid();
            // The landing, with consent and a ViewContent on it; then AddToCart on a product page (its URL comes from the page view).
            await CollectAsync(host, Hits.Body(vid, Hits.Consent(granted: true),
                Hits.Page(Landing, new Dictionary<string, string> { ["gclid"] = Gclid }, ts: Hits.Now - 600_000, referrer: Referrer),
                Hits.Event("ViewContent", "vc_" + vid, url: Landing)));
            await CollectAsync(host, Hits.Body(vid, Hits.Page(ProductPage),
                new Dictionary<string, object?> { ["t"] = "ev", ["ts"] = Hits.Now, ["n"] = "AddToCart", ["id"] = "atc_" + vid }));

            var orderId = 6012345678901;
            var order = ShopifyPayloads.Order(orderId);
            order["landing_site"] = "/" + LandingQuery;
            order["referring_site"] = Referrer;
            // Bought after the landing: an order of the documented example's date would be too old for Meta and TikTok.
            var boughtAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:sszzz");
            order["processed_at"] = boughtAt;
            order["created_at"] = boughtAt;
            order["note_attributes"] = new JsonArray(new JsonObject { ["name"] = "_pvid", ["value"] = vid });
            var body = ShopifyPayloads.Bytes(order);
            var webhook = await host.PostShopifyAsync(body, ShopifyPayloads.Headers(body, ShopifyTopics.OrdersPaid));
            Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);

            var purchaseId = $"purchase_{orderId}";
            foreach (var eventId in new[] { "vc_" + vid, "atc_" + vid, purchaseId })
                foreach (var destination in new[] { "meta-main", "tiktok-main", "outbox" })
                    await host.WaitForStateAsync(eventId, destination, DeliveryState.Delivered);

            // What Meta and TikTok were told about the pages: scrubbed, with utm and gclid intact.
            Assert.Equal(ScrubbedLanding, MetaEvent(meta, "vc_" + vid).GetProperty("event_source_url").GetString());
            Assert.Equal(ScrubbedLanding, TikTokEvent(tiktok, "vc_" + vid).GetProperty("page").GetProperty("url").GetString());
            Assert.Equal(ScrubbedProductPage, MetaEvent(meta, "atc_" + vid).GetProperty("event_source_url").GetString());
            Assert.Equal(ScrubbedProductPage, TikTokEvent(tiktok, "atc_" + vid).GetProperty("page").GetProperty("url").GetString());
            Assert.Equal("https://mail.example/read?folder=inbox",
                TikTokEvent(tiktok, "vc_" + vid).GetProperty("page").GetProperty("referrer").GetString());

            // The order's click id still came through from its landing_site.
            await foreach (var row in host.Table("outbox").QueryAsync<TableEntity>())
                outboxRows.Add($"{row.PartitionKey} {row.RowKey} {row.GetString("Url")} {row.GetString("Headers")} {row.GetString("Body")}");
            var purchaseRow = (await host.Table("outbox").GetEntityAsync<TableEntity>("outbox", purchaseId)).Value;
            using (var purchase = JsonDocument.Parse(purchaseRow.GetString("Body")!))
                Assert.True(purchase.RootElement.TryGetProperty("click_ids", out var clicks) && clicks.GetProperty("gclid").GetString() == Gclid,
                    purchaseRow.GetString("Body") + (await host.Ledger.GetAsync(purchaseId, DeliveryLedger.MatchRow, default))?.Reason);
        }
        finally
        {
            await host.DisposeAsync();
        }
        // Stopping Azurite saves what it holds to its files.
        await azurite.StopAsync();

        var files = PlaintextSearch.Files(azurite.DataDirectory).ToList();
        var platformRequests = meta.Requests.Concat(tiktok.Requests)
            .Select(r => ("platform request " + r.Path, $"{r.Path}{r.Query}\n{string.Join("\n", r.Headers.Select(h => $"{h.Key}: {h.Value}"))}\n{r.Body}"))
            .ToList();
        var storageRequests = tap.Requests.Select(r => ("storage request " + r[..r.IndexOf('\n')], r)).ToList();
        var logLines = logs.Lines.Select(l => ("log", l)).ToList();

        // The searches do see the data: the scrubbed landing is in Azurite's files and in a queue message written, and the logs were captured.
        Assert.NotEmpty(PlaintextSearch.Find(files, [Gclid, "utm_source=newsletter"]));
        Assert.Contains(storageRequests, r => r.Item1.StartsWith("storage request POST", StringComparison.Ordinal)
            && r.Item1.Contains("/messages", StringComparison.Ordinal)
            && PlaintextSearch.WithBase64Decoded(r.Item2).Contains("utm_source=newsletter", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Collector:", StringComparison.Ordinal));
        Assert.NotEmpty(outboxRows);

        Assert.Empty(PlaintextSearch.Find(files, Plaintexts));
        Assert.Empty(PlaintextSearch.Find(storageRequests, Plaintexts));
        Assert.Empty(PlaintextSearch.Find(platformRequests, Plaintexts));
        Assert.Empty(PlaintextSearch.Find(outboxRows.Select(r => ("outbox row", r)), Plaintexts));
        Assert.Empty(PlaintextSearch.Find(logLines, Plaintexts));
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
