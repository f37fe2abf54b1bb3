using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Pipeline.Events;
using static Pipeline.IntegrationTests.Collect.Hits;

namespace Pipeline.IntegrationTests.Collect;

/// <summary>
/// A denial of ads consent arrives in the snippet's anonymous body, with the collector's cookies: it is recorded for
/// the visitor they name, and what the visitor's landing captured for ads is erased (docs/collector.md, Consent).
/// </summary>
public sealed class ConsentDenialTests(CollectorFixture fixture) : IClassFixture<CollectorFixture>
{
    private CollectorHost Host => fixture.Host;

    private async Task<(string Vid, string Gclid, string Fbclid)> LandAsync()
    {
        var vid = NewVid();
        var (gclid, fbclid) = ("Cj0-" + vid, "IwAR-" + vid);
        var landing = await Host.PostAsync(Body(vid, Page(clickIds: new Dictionary<string, string> { ["gclid"] = gclid, ["fbclid"] = fbclid },
            cookies: new Dictionary<string, string> { ["_fbp"] = "fb.1.1764400000000.1234567890", ["_ga"] = "GA1.1.111.222" })));
        Assert.Equal(HttpStatusCode.NoContent, landing.Status);
        Assert.Equal(2, (await Host.VisitorRowsAsync(vid)).Count(r => r.RowKey.StartsWith("click~", StringComparison.Ordinal)));
        return (vid, gclid, fbclid);
    }

    [Theory]
    [InlineData("_pvh")]
    [InlineData("_pvid")]
    public async Task A_denial_in_an_anonymous_body_is_recorded_for_the_visitor_its_cookie_names_and_erases_its_clicks(string cookie)
    {
        var (vid, gclid, fbclid) = await LandAsync();
        var denial = Consent(false);
        denial["analytics_storage"] = "granted";

        var response = await Host.PostAsync(Anonymous(denial), cookies: new Dictionary<string, string> { [cookie] = vid, ["_ga"] = "GA1.1.111.222" },
            headers: new Dictionary<string, string> { ["X-Country"] = "DE" });

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        var profile = (await Host.ProfileAsync(vid))!;
        Assert.Contains("\"ad_storage\":\"denied\"", profile.GetString("Consent"));
        Assert.Equal(profile.GetDateTimeOffset("ConsentAt"), profile.GetDateTimeOffset("AdsWithdrawnAt"));
        Assert.Equal("DE", profile.GetString("Country"));
        foreach (var gone in new[] { "Fbp", "Fbc", "Ip", "UserAgent", "FirstSeen" }) Assert.False(profile.ContainsKey(gone), gone);
        // Analytics storage was granted: GA4 may still hear of the visitor's conversions.
        Assert.Equal("111.222", profile.GetString("GaClientId"));
        Assert.DoesNotContain(await Host.VisitorRowsAsync(vid), r => r.RowKey.StartsWith("click~", StringComparison.Ordinal));
        Assert.False((await Host.Clicks.GetEntityIfExistsAsync<TableEntity>($"gclid:{gclid}", vid)).HasValue);
        Assert.False((await Host.Clicks.GetEntityIfExistsAsync<TableEntity>($"fbclid:{fbclid}", vid)).HasValue);
        // The digests of what was written before are void, so a later grant writes everything afresh.
        Assert.NotNull(response.Cookie("_pvs"));
        Assert.Null(response.Cookie("_pvh"));
    }

    [Fact]
    public async Task Denying_ad_user_data_alone_withdraws_the_clicks_too_though_ad_storage_is_granted()
    {
        var (vid, gclid, _) = await LandAsync();
        var denial = Consent(true);
        denial["ad_user_data"] = "denied";

        var response = await Host.PostAsync(Body(vid, Page(clickIds: new Dictionary<string, string> { ["gclid"] = gclid + "-again" }), denial));

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Contains("\"ad_user_data\":\"denied\"", (await Host.ProfileAsync(vid))!.GetString("Consent"));
        Assert.DoesNotContain(await Host.VisitorRowsAsync(vid), r => r.RowKey.StartsWith("click~", StringComparison.Ordinal));
        Assert.False((await Host.Clicks.GetEntityIfExistsAsync<TableEntity>($"gclid:{gclid}-again", vid)).HasValue);
    }

    [Fact]
    public async Task A_repeated_denial_changes_nothing_more_than_the_time_of_the_last_denial()
    {
        // Each denial carries its own time, a minute apart here, so the test does not depend on how fast it runs.
        var (vid, _, _) = await LandAsync();
        var cookies = new Dictionary<string, string> { ["_pvh"] = vid };
        var (firstAt, againAt) = (Now - 60_000, Now);
        await Host.PostAsync(Anonymous(Consent(false, ts: firstAt)), cookies: cookies);
        var first = Signals((await Host.ProfileAsync(vid))!);

        var again = await Host.PostAsync(Anonymous(Consent(false, ts: againAt)), cookies: cookies);

        Assert.Equal(HttpStatusCode.NoContent, again.Status);
        var profile = (await Host.ProfileAsync(vid))!;
        Assert.Equal(first, Signals(profile));
        // The profile keeps the last denial (docs/collector.md): its time, to the second the item carries.
        Assert.Equal(againAt / 1000, RecordedConsent(profile).Time);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(againAt), profile.GetDateTimeOffset("AdsWithdrawnAt"));
        Assert.Single(await Host.VisitorRowsAsync(vid));
    }

    private static ConsentState RecordedConsent(TableEntity profile) => JsonSerializer.Deserialize<ConsentState>(profile.GetString("Consent"))!;

    /// <summary>The recorded consent signals, without the time the item was given.</summary>
    private static ConsentState Signals(TableEntity profile) => RecordedConsent(profile) with { Time = null };

    [Fact]
    public async Task A_denial_from_a_browser_the_collector_never_recorded_stores_nothing()
    {
        var before = await Host.DumpAllTablesAsync();

        var response = await Host.PostAsync(Anonymous(Consent(false)));

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Empty(response.SetCookies);
        Assert.Equal(before.Length, (await Host.DumpAllTablesAsync()).Length);
    }

    [Fact]
    public async Task An_anonymous_body_without_a_denial_still_stores_nothing_for_the_visitor_its_cookie_names()
    {
        var (vid, _, _) = await LandAsync();
        var profile = (await Host.ProfileAsync(vid))!;

        var response = await Host.PostAsync(Anonymous(Page(), Consent(true)), cookies: new Dictionary<string, string> { ["_pvh"] = vid });

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Equal(profile.ETag, (await Host.ProfileAsync(vid))!.ETag);
    }
}
