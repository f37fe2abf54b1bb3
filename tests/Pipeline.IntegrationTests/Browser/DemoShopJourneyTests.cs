using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Playwright;
using Pipeline.Identity;
using Pipeline.IntegrationTests.Collect;
using Pipeline.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Pipeline.IntegrationTests.Browser;

/// <summary>
/// A real headless Chromium walks through the demo shop page the collector serves, on <c>www.shop.test</c> mapped to
/// loopback: it lands from an ad, consents or declines, adds to cart, identifies and buys. The assertions are on what
/// the collector stored and queued, polled until they appear.
/// </summary>
public sealed class DemoShopJourneyTests(ITestOutputHelper output)
{
    // Records what the page handed to the platforms' pixels, in place of the real fbq/ttq/gtag.
    private const string PixelStubs = """
        window.__pixels = [];
        window.fbq = (...a) => window.__pixels.push(['fbq', ...a]);
        window.ttq = { track: (...a) => window.__pixels.push(['ttq', ...a]) };
        window.gtag = (...a) => window.__pixels.push(['gtag', ...a]);
        """;

    [Fact]
    public async Task A_consenting_buyer_from_an_ad_is_stored_with_fbc_click_ids_hashed_email_and_one_purchase_event()
    {
        if (!HeadlessChromium.IsAvailable(out var reason))
        {
            output.WriteLine("Skipped: " + reason);
            return;
        }
        await using var host = await StartHostAsync();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        await page.AddInitScriptAsync(PixelStubs);
        var hits = Track(page);
        var (fbclid, gclid, ttclid) = ("IwAR" + Token(), "Cj0KCQjw" + Token(), "E.C.P." + Token());
        var email = $"Journey.{Token()}@Example.com";
        var landing = $"http://www.shop.test:{host.BaseAddress.Port}/api/s/demo?region=EEA&fbclid={fbclid}&gclid={gclid}&ttclid={ttclid}";
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await page.GotoAsync(landing);
        await page.ClickAsync("#consent-accept");
        await page.ClickAsync("#add-to-cart");
        await page.FillAsync("#email", email);
        await page.ClickAsync("#buy");
        var eventId = (await page.TextContentAsync("#event-id"))!;

        var vid = await Eventually.Get(async () => await CookieAsync(chromium, "_pvid"), "the _pvid cookie");
        var fbc = (await CookieAsync(chromium, "_fbc"))!;
        var purchase = (await Eventually.Get(async () =>
            (await host.QueuedEventsAsync()).FirstOrDefault(e => e.GetProperty("event_name").GetString() == "Purchase") is { ValueKind: JsonValueKind.Object } e ? (JsonElement?)e : null,
            "the queued Purchase"))!.Value;
        var end = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        // The _fbc the snippet built on shop.test (subdomain index 1) at landing time.
        var parts = fbc.Split('.');
        Assert.Equal(["fb", "1"], parts[..2]);
        Assert.Equal(fbclid, parts[3]);
        var created = long.Parse(parts[2]);
        Assert.InRange(created, start, end);

        var profile = await Eventually.Get(() => host.ProfileAsync(vid), "the profile");
        Assert.Equal(fbc, profile.GetString("Fbc"));
        Assert.StartsWith("fb.1.", profile.GetString("Fbp"));
        foreach (var (param, id) in new[] { ("fbclid", fbclid), ("gclid", gclid), ("ttclid", ttclid) })
        {
            var row = Assert.Single(await host.VisitorRowsAsync(vid), r => r.RowKey.StartsWith($"click~{param}~", StringComparison.Ordinal));
            Assert.Equal(id, row.GetString("ClickId"));
            Assert.Contains(id, row.GetString("LandingUrl"));
            Assert.True((await host.Clicks.GetEntityIfExistsAsync<TableEntity>($"{param}:{id}", vid)).HasValue, param);
        }
        var fbclidRow = (await host.VisitorRowsAsync(vid)).Single(r => r.RowKey.StartsWith("click~fbclid~", StringComparison.Ordinal));
        Assert.Equal(fbc, fbclidRow.GetString("Fbc"));
        Assert.Equal(created, fbclidRow.GetDateTimeOffset("CapturedAt")!.Value.ToUnixTimeMilliseconds());

        var emailKey = IdentityKeys.EmailKey(UserDataHasher.Hash(new RawUserData { Email = email }, null))!;
        await Eventually.True(async () => (await host.Identities.GetEntityIfExistsAsync<TableEntity>($"em:{emailKey}", vid)).HasValue, "the e-mail identity");
        Assert.DoesNotContain(email.Split('@')[0], await host.DumpAllTablesAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email.Split('@')[0], purchase.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // One event id for the pixels and the server copy, so each platform keeps one Purchase.
        Assert.Equal(eventId, purchase.GetProperty("event_id").GetString());
        using var pixels = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.__pixels)"));
        var fbq = pixels.RootElement.EnumerateArray().Single(c => c[0].GetString() == "fbq" && c[2].GetString() == "Purchase");
        Assert.Equal(eventId, fbq[4].GetProperty("eventID").GetString());
        var ttq = pixels.RootElement.EnumerateArray().Single(c => c[0].GetString() == "ttq" && c[1].GetString() == "Purchase");
        Assert.Equal(eventId, ttq[3].GetProperty("event_id").GetString());
        Assert.Equal(vid, purchase.GetProperty("visitor_ids")[0].GetString());
        Assert.Equal(fbc, purchase.GetProperty("browser_ids").GetProperty("fbc").GetString());
        Assert.Equal(64, purchase.GetProperty("user_data").GetProperty("em").GetProperty("meta").GetString()!.Length);
        Assert.Single(await host.QueuedEventsAsync(), e => e.GetProperty("event_name").GetString() == "AddToCart");

        // Plain http is not a secure context: Chromium refuses the Secure HttpOnly cookie, and the _pvid mirror
        // carries the visitor instead.
        Assert.Null(await CookieAsync(chromium, "_pvh"));

        // A second landing through the same ad keeps the fbc's creation time and the one click row.
        var before = hits.Count;
        await page.GotoAsync(landing);
        await Eventually.True(() => Task.FromResult(hits.Skip(before).Any(h => h.Body.Contains(fbclid, StringComparison.Ordinal) && !h.Body.Contains("\"a\":1,\"e\"", StringComparison.Ordinal))),
            "the second landing's hit");
        Assert.Equal(fbc, await CookieAsync(chromium, "_fbc"));
        Assert.Single(await host.VisitorRowsAsync(vid), r => r.RowKey.StartsWith("click~fbclid~", StringComparison.Ordinal));
        Assert.All(hits, h => Assert.True(h.Status < 300, $"answered {h.Status}"));
    }

    [Fact]
    public async Task A_visitor_who_declines_is_only_an_anonymous_hit_and_nothing_is_stored_or_forwarded()
    {
        if (!HeadlessChromium.IsAvailable(out var reason))
        {
            output.WriteLine("Skipped: " + reason);
            return;
        }
        await using var host = await StartHostAsync();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.Context.NewPageAsync();
        await page.AddInitScriptAsync(PixelStubs);
        var hits = Track(page);

        await page.GotoAsync($"http://www.shop.test:{host.BaseAddress.Port}/api/s/demo?region=EEA&fbclid=IwAR{Token()}&gclid=G{Token()}");
        await page.ClickAsync("#consent-decline");
        await page.ClickAsync("#add-to-cart");
        await page.FillAsync("#email", "declined@example.com");
        await page.ClickAsync("#buy");

        await Eventually.True(() => Task.FromResult(hits.Any(h => h.Body.Contains("Purchase", StringComparison.Ordinal))), "the Purchase body");
        Assert.All(hits, h =>
        {
            Assert.Equal(204, h.Status);
            Assert.Contains("\"a\":1", h.Body);
            Assert.DoesNotContain("declined@example.com", h.Body);
            Assert.DoesNotContain("fbclid", h.Body);
        });
        Assert.Contains(hits, h => h.Body.Contains("\"t\":\"hit\"", StringComparison.Ordinal));
        Assert.Empty(await host.QueuedEventsAsync());
        foreach (var table in new[] { host.Visitors, host.Clicks, host.Identities })
            Assert.Empty(await table.QueryAsync<TableEntity>().ToListAsync());
        foreach (var name in new[] { "_pvid", "_pvh", "_fbc", "_fbp" })
            Assert.Null(await CookieAsync(chromium, name));
    }

    private static Task<CollectorHost> StartHostAsync() =>
        CollectorHost.StartAsync(new Dictionary<string, string?> { ["Pipeline:Collector:DemoPage"] = "true" });

    private static string Token() => Guid.NewGuid().ToString("N")[..12];

    private static async Task<string?> CookieAsync(HeadlessChromium chromium, string name) =>
        (await chromium.Context.CookiesAsync()).FirstOrDefault(c => c.Name == name)?.Value;

    /// <summary>Every hit the page posted with fetch, with its answer (sendBeacon bodies are often invisible to Playwright).</summary>
    private static ConcurrentQueue<Hit> Track(IPage page)
    {
        var hits = new ConcurrentQueue<Hit>();
        page.Response += (_, response) =>
        {
            if (response.Request.Method == "POST" && response.Url.Contains("/api/s/h", StringComparison.Ordinal))
                hits.Enqueue(new Hit(response.Status, response.Request.PostData ?? ""));
        };
        return hits;
    }

    private sealed record Hit(int Status, string Body);
}
