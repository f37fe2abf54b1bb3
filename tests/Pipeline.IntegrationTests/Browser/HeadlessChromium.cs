using Microsoft.Playwright;

namespace Pipeline.IntegrationTests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (its own browser download is not used): headless, fake <c>*.test</c> hosts
/// mapped to loopback so cookie domains behave as on a real shop, a fresh profile per browser.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private HeadlessChromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    /// <summary>
    /// Whether the browser tests can run. Missing Chromium fails in CI (<c>CI=true</c>) and skips elsewhere, with a
    /// message saying how to install it.
    /// </summary>
    public static bool IsAvailable(out string reason)
    {
        reason = $"{ExecutablePath} is missing: install it with `apt-get install -y chromium` (scripts/test.sh does when run as root)";
        if (File.Exists(ExecutablePath)) return true;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(reason);
        return false;
    }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("chromium-test-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--host-resolver-rules=MAP *.test 127.0.0.1",
            ],
        });
        return new HeadlessChromium(playwright, context, profile);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be letting go of its profile; the temporary folder is cleaned up by the system.
        }
    }
}
