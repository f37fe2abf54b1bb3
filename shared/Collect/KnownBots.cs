using System.Buffers;

namespace Pipeline.Collect;

/// <summary>Recognises crawlers, link previewers, page testers and HTTP libraries by their user agent.</summary>
public static class KnownBots
{
    // HeadlessChrome is deliberately absent: real visitors' automation and our own browser tests use it.
    private static readonly SearchValues<string> Markers = SearchValues.Create(
    [
        "crawl", "spider", "slurp", "facebookexternalhit", "facebookcatalog", "meta-externalagent",
        "meta-externalfetcher", "Mediapartners-Google", "Google-InspectionTool", "Google-Read-Aloud", "APIs-Google",
        "FeedFetcher", "Google Web Preview", "BingPreview", "Lighthouse", "PageSpeed", "GTmetrix", "Pingdom",
        "UptimeRobot", "Snap URL Preview", "SkypeUriPreview", "WhatsApp/", "ia_archiver", "Qwantify", "PhantomJS",
        "python-requests", "python-urllib", "aiohttp", "curl/", "Wget/", "Go-http-client", "Java/", "libwww-perl",
        "Scrapy", "HTTrack", "node-fetch", "axios/",
    ], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True for a known automated agent. An absent user agent is not called a bot: it is unknown, and the
    /// caller decides what unknown means.
    /// </summary>
    public static bool IsBot(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent)) return false;
        var ua = userAgent.AsSpan();
        return ua.IndexOfAny(Markers) >= 0 || ContainsBotWord(ua);
    }

    // "bot" covers Googlebot, bingbot, AdsBot-Google, Applebot, Twitterbot, GPTBot…; Cubot is a phone maker.
    private static bool ContainsBotWord(ReadOnlySpan<char> ua)
    {
        for (var at = ua.IndexOf("bot", StringComparison.OrdinalIgnoreCase); at >= 0;)
        {
            if (at < 2 || !ua.Slice(at - 2, 2).Equals("cu", StringComparison.OrdinalIgnoreCase)) return true;
            var next = ua[(at + 3)..].IndexOf("bot", StringComparison.OrdinalIgnoreCase);
            at = next < 0 ? -1 : at + 3 + next;
        }
        return false;
    }
}
