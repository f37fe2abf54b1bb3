using System.Net;
using Pipeline.IntegrationTests.Infrastructure;
using static Pipeline.IntegrationTests.Collect.Hits;

namespace Pipeline.IntegrationTests.Collect;

/// <summary>Settings that need a host of their own: prefix, cookie domain, demo page off, write counts.</summary>
public sealed class CollectorSettingsTests
{
    [Fact]
    public async Task A_configured_prefix_moves_every_route_and_the_default_one_is_gone()
    {
        await using var host = await CollectorHost.StartAsync(new Dictionary<string, string?> { ["Pipeline:Collector:RoutePrefix"] = "px" });

        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(Body(null, Page()), path: "/api/px/h")).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/px/s.js"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.PostAsync(Body(null, Page()), path: "/api/s/h")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/s/s.js"))).Status);
        // Off by default.
        Assert.Equal(HttpStatusCode.NotFound, (await host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/px/demo"))).Status);
    }

    [Fact]
    public async Task The_cookie_domain_setting_is_written_into_the_cookies()
    {
        await using var host = await CollectorHost.StartAsync(new Dictionary<string, string?>
        {
            ["Pipeline:Collector:CookieDomain"] = "shop.example", ["Pipeline:Collector:CookieMaxAgeDays"] = "30",
        });

        var response = await host.PostAsync(Body(NewVid(), Page()));

        Assert.Contains($"; Max-Age={30 * 86400}; Path=/; Domain=shop.example; Secure; HttpOnly; SameSite=Lax", response.SetCookieLine("_pvh"));
    }

    [Fact]
    public async Task A_hit_with_nothing_new_writes_nothing_and_one_with_new_ids_writes_one_transaction_plus_index_rows()
    {
        await using var host = await CollectorHost.StartAsync();
        var vid = NewVid();
        var cookies = new Dictionary<string, string> { ["_fbp"] = "fb.1.1700000000000.42", ["_ga"] = "GA1.1.7.8" };
        var landing = Page(clickIds: new Dictionary<string, string> { ["fbclid"] = "IwAR_count", ["gclid"] = "G_count" }, cookies: cookies);

        host.Counter.Reset();
        var first = await host.PostAsync(Body(vid, landing));
        var landingWrites = TableWrites(host);
        Assert.Equal(3, landingWrites); // the profile + click rows transaction, and one index row per click id
        Assert.Equal(0, QueueSends(host));

        var jar = new Dictionary<string, string> { ["_pvh"] = vid, ["_pvs"] = first.Cookie("_pvs")! };
        host.Counter.Reset();
        var again = await host.PostAsync(Body(vid, landing), jar);
        var reloadWrites = TableWrites(host);
        var later = await host.PostAsync(Body(vid, Page("https://shop.example/other", cookies: cookies)),
            new Dictionary<string, string> { ["_pvh"] = vid, ["_pvs"] = again.Cookie("_pvs")! });
        Assert.Equal(HttpStatusCode.NoContent, later.Status);
        Assert.Equal(0, reloadWrites);
        Assert.Equal(0, TableWrites(host));

        host.Counter.Reset();
        var newCookie = await host.PostAsync(Body(vid, Page(cookies: new Dictionary<string, string>(cookies) { ["_ttp"] = "ttp-new" })),
            new Dictionary<string, string> { ["_pvh"] = vid, ["_pvs"] = later.Cookie("_pvs")! });
        Assert.Equal(1, TableWrites(host));
        Assert.Equal("ttp-new", (await host.ProfileAsync(vid))!.GetString("Ttp"));

        host.Counter.Reset();
        await host.PostAsync(Body(vid, Identify("count@example.com")),
            new Dictionary<string, string> { ["_pvh"] = vid, ["_pvs"] = newCookie.Cookie("_pvs")! });
        Assert.Equal(1, TableWrites(host)); // the e-mail's identity row only: the profile has nothing new
    }

    private static long TableWrites(CollectorHost host) =>
        host.Counter.Snapshot().Where(c => c.Key.StartsWith("table ", StringComparison.Ordinal)).Sum(c => c.Value);

    private static long QueueSends(CollectorHost host) => host.Counter.Snapshot().GetValueOrDefault("queue POST");
}
