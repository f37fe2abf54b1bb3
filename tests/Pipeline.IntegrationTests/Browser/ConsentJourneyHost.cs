using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Pipeline.IntegrationTests.Destinations;
using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.IntegrationTests.Sources;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Browser;

/// <summary>
/// The whole pipeline for consent journeys: the collector serving the demo shop and the snippet, Shopify and Stripe
/// webhooks, the server API, the matcher and live Meta, TikTok, Google Ads and GA4 destinations pointed at local fakes.
/// The visitor's country comes from a header the test sets, as a CDN's geo header would.
/// </summary>
public sealed class ConsentJourneyHost : IAsyncLifetime
{
    public const string CountryHeader = "X-Test-Country";
    public const string MetaId = "meta-main";
    public const string TikTokId = "tiktok-main";
    public const string GoogleId = "google-main";
    public const string Ga4Id = "ga4-main";
    public static readonly string[] Destinations = [MetaId, TikTokId, GoogleId, Ga4Id];

    public PipelineHost Host { get; private set; } = null!;
    public FakeMetaServer Meta { get; private set; } = null!;
    public FakeTikTokServer TikTok { get; private set; } = null!;
    public FakeGoogleAdsServer Google { get; private set; } = null!;
    public FakeGoogleOAuthServer OAuth { get; private set; } = null!;
    public FakeGa4Server Ga4 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Meta = await FakeMetaServer.StartAsync();
        TikTok = await FakeTikTokServer.StartAsync();
        Google = await FakeGoogleAdsServer.StartAsync();
        OAuth = await FakeGoogleOAuthServer.StartAsync();
        Ga4 = await FakeGa4Server.StartAsync();

        var settings = DestinationSpec.HostSettings(DestinationSpec.Meta(Meta), DestinationSpec.TikTok(TikTok),
            DestinationSpec.GoogleAds(Google, OAuth), DestinationSpec.Ga4(Ga4));
        // Webhook orders carry no page URL; website events need one at Meta and TikTok.
        settings["Pipeline:Destinations:0:Settings:EventSourceUrlFallback"] = "https://www.shop.test/";
        settings["Pipeline:Destinations:1:Settings:EventSourceUrlFallback"] = "https://www.shop.test/";
        settings["Pipeline:Collector:DemoPage"] = "true";
        settings["Pipeline:Collector:CountryHeader"] = CountryHeader;
        settings["Pipeline:Match:LateDataDelaySeconds"] = "1";
        foreach (var (k, v) in ShopifyPayloads.Settings()) settings[k] = v;
        foreach (var (k, v) in StripePayloads.Settings()) settings[k] = v;
        Host = await PipelineHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Meta.DisposeAsync();
        await TikTok.DisposeAsync();
        await Google.DisposeAsync();
        await OAuth.DisposeAsync();
        await Ga4.DisposeAsync();
    }

    /// <summary>The demo shop's URL with the three ads' click ids.</summary>
    public string Landing(AdClicks clicks) =>
        $"http://www.shop.test:{Host.BaseAddress.Port}/api/s/demo?utm_source=ads&fbclid={clicks.Fbclid}&gclid={clicks.Gclid}&ttclid={clicks.Ttclid}";

    /// <summary>Opens the shop from the ads in a fresh browser in <paramref name="country"/> and waits until the landing is stored.</summary>
    public async Task<(IPage Page, string VisitorId)> LandAsync(HeadlessChromium chromium, string country, AdClicks clicks, string? initScript = null)
    {
        var page = await chromium.Context.NewPageAsync();
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { [CountryHeader] = country });
        if (initScript is not null) await page.AddInitScriptAsync(initScript);
        await page.GotoAsync(Landing(clicks));
        var vid = await Eventually.Get(() => page.EvaluateAsync<string?>("() => window.pq && pq.vid && pq.vid()"), "the visitor id");
        await Eventually.True(async () => (await ClickRowsAsync(vid)).Count == 3, "the landing's three click rows");
        return (page, vid);
    }

    /// <summary>The visitor's click rows in the visitor graph.</summary>
    public async Task<List<Azure.Data.Tables.TableEntity>> ClickRowsAsync(string visitorId) =>
        await Host.Table("visitors").QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == visitorId)
            .Where(r => r.RowKey.StartsWith("click~", StringComparison.Ordinal)).ToListAsync();

    /// <summary>The visitor's stored consent once it satisfies <paramref name="expected"/>.</summary>
    public Task<JsonNode> RecordedConsentAsync(string visitorId, Func<JsonNode, bool> expected, string what) =>
        Eventually.Get(async () =>
            (await Host.Table("visitors").GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(visitorId, "profile")) is { HasValue: true } row
            && row.Value!.GetString("Consent") is { } json && JsonNode.Parse(json) is { } consent && expected(consent)
                ? consent
                : null,
            what);

    /// <summary>Every destination's ledger row of the event once each is final.</summary>
    public async Task<IReadOnlyDictionary<string, LedgerEntry>> FinalRowsAsync(string eventId)
    {
        await Eventually.True(async () => await Host.Ledger.GetAsync(eventId, DeliveryLedger.MatchRow, default) is { State: DeliveryState.Delivered },
            $"the hand-off of {eventId}");
        return await Eventually.Get(async () =>
        {
            var rows = (await Host.Ledger.GetEventAsync(eventId, default)).ToDictionary(r => r.Destination);
            return Destinations.All(d => rows.TryGetValue(d, out var r) && DeliveryState.IsFinal(r.State)) ? rows : null;
        }, $"final ledger rows of {eventId}");
    }

    /// <summary>The body of every request any platform fake received so far.</summary>
    public IEnumerable<string> EveryPlatformBody() =>
        Meta.Requests.Select(r => r.Body)
            .Concat(TikTok.Requests.Select(r => r.Body))
            .Concat(Google.Requests.Select(r => r.Body))
            .Concat(Ga4.Requests.Select(r => r.Body));
}

/// <summary>The click ids of three ads a visitor came from, unique per test.</summary>
public sealed record AdClicks(string Fbclid, string Gclid, string Ttclid)
{
    public static AdClicks New()
    {
        string Token() => Guid.NewGuid().ToString("N")[..12];
        return new AdClicks("IwAR" + Token(), "Cj0KCQjw" + Token(), "E.C.P." + Token());
    }

    public IEnumerable<string> All => [Fbclid, Gclid, Ttclid];
}
