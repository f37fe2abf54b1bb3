using System.Text.Json;
using Microsoft.Playwright;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.IntegrationTests.Ops;

/// <summary>The status page in headless Chromium shows the numbers the ledger holds, and its replay button works.</summary>
public sealed class StatusPageBrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Set to 1 to refresh the committed screenshot in docs/.</summary>
    private const string UpdateScreenshotSetting = "PIPELINE_UPDATE_SCREENSHOTS";

    private PipelineHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowserContext _browser = null!;
    private string _profile = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (scripts/test.sh does when run as root).");
        _host = await PipelineHost.StartAsync(OpsSeed.Settings());
        await StatusScenario.SeedAsync(_host);
        _profile = Directory.CreateTempSubdirectory("status-page-chromium-").FullName;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
        Directory.Delete(_profile, recursive: true);
    }

    [Fact]
    public async Task The_page_renders_the_ledgers_numbers_and_drops_the_key_from_the_address_bar()
    {
        var page = await _browser.NewPageAsync();

        var response = await page.GotoAsync(new Uri(_host.BaseAddress, $"/api/status?key={OpsSeed.OperatorKey}").ToString());

        Assert.Equal(200, response!.Status);
        Assert.Equal("8", await Text(page, "#destinations tr[data-destination='meta'] td[data-metric='delivered']"));
        Assert.Equal("2", await Text(page, "#destinations tr[data-destination='meta'] td[data-metric='dead']"));
        Assert.Equal("4", await Text(page, "#destinations tr[data-destination='google-ads'] td[data-metric='delivered']"));
        Assert.Equal("3", await Text(page, "[data-metric='dead-letters']"));
        Assert.Equal("1", await Text(page, "#retrying [data-metric='retrying']"));
        Assert.Equal("100.0%", await Text(page, "#coverage tr[data-destination='meta'] td[data-identifier='em']"));
        Assert.Equal("50.0%", await Text(page, "#coverage tr[data-destination='meta'] td[data-identifier='click']"));
        Assert.Equal("6", await Text(page, "#match-rules tr[data-rule='click_id'] td[data-metric='count']"));
        Assert.Equal("66.7%", await Text(page, "[data-metric='agreeing-share']"));
        Assert.Contains("browser-7f3a", await Text(page, "#dedup tr.mismatch"));
        Assert.Contains("tiktok", await Text(page, "#paused"));
        Assert.Contains(StatusScenario.GoogleAdsError, await Text(page, "#dead-letters"));

        // Eight delivered bars' worth of rows are drawn for meta, whatever hours they fall in.
        var bars = await page.Locator("figure.chart[data-destination='meta'] rect.ok").EvaluateAllAsync<int[]>(
            "rects => rects.map(r => Number(r.dataset.delivered))");
        Assert.Equal(StatusScenario.MetaDelivered, bars.Sum());

        Assert.DoesNotContain(OpsSeed.OperatorKey, page.Url);
        await SaveScreenshotAsync(page);
    }

    [Fact]
    public async Task The_replay_button_posts_the_dead_letters_window_with_the_operator_key()
    {
        var page = await _browser.NewPageAsync();
        IRequest? replay = null;
        await page.RouteAsync("**/api/operator/replay", async route =>
        {
            replay = route.Request;
            await route.FulfillAsync(new RouteFulfillOptions { Status = 202, ContentType = "application/json", Body = "{\"replayed\":1}" });
        });
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync("token fixed");
        await page.GotoAsync(new Uri(_host.BaseAddress, $"/api/status?key={OpsSeed.OperatorKey}").ToString());

        await page.Locator("tr[data-event-id='m-dead-0'] button.replay").ClickAsync();
        await page.Locator("tr[data-event-id='m-dead-0'] .result").Filter(new LocatorFilterOptions { HasText = "202" }).WaitForAsync();

        Assert.NotNull(replay);
        Assert.Equal("POST", replay.Method);
        Assert.Equal(OpsSeed.OperatorKey, (await replay.AllHeadersAsync())["x-operator-key"]);
        using var body = JsonDocument.Parse(replay.PostData!);
        Assert.Equal("meta", body.RootElement.GetProperty("destination").GetString());
        Assert.Equal("token fixed", body.RootElement.GetProperty("reason").GetString());
        var from = DateTimeOffset.Parse(body.RootElement.GetProperty("from").GetString()!);
        var to = DateTimeOffset.Parse(body.RootElement.GetProperty("to").GetString()!);
        Assert.True(from < to);
        Assert.Equal(0, await page.Locator("tr[data-event-id='m-dead-1'] button.replay").CountAsync());
    }

    private static async Task<string> Text(IPage page, string selector) => (await page.Locator(selector).First.InnerTextAsync()).Trim();

    private static async Task SaveScreenshotAsync(IPage page)
    {
        var path = Environment.GetEnvironmentVariable(UpdateScreenshotSetting) == "1"
            ? Path.Combine(RepositoryRoot.Path, "docs", "status-page.png")
            : Path.Combine(AppContext.BaseDirectory, "status-page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 0);
    }
}
