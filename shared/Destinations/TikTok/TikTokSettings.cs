namespace Pipeline.Destinations.TikTok;

/// <summary>Options of one TikTok Events API destination (one pixel, one token).</summary>
public sealed class TikTokSettings : IPlatformSettings
{
    /// <summary>Business API host; tests point it at a local fake.</summary>
    public string BaseUrl { get; set; } = "https://business-api.tiktok.com";

    /// <summary>Business API version in the path (<c>/open_api/{version}/event/track/</c>).</summary>
    public string ApiVersion { get; set; } = "v1.3";

    /// <summary>Pixel code: the <c>event_source_id</c> of website events.</summary>
    public string PixelCode { get; set; } = "";

    /// <summary>Offline event set id: the <c>event_source_id</c> of store, phone and other offline events. Null skips those.</summary>
    public string? OfflineEventSetId { get; set; }

    /// <summary>TikTok App ID: the <c>event_source_id</c> of app events. Null skips those.</summary>
    public string? AppId { get; set; }

    /// <summary>Events API access token, sent in the <c>Access-Token</c> header.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>Code from Events Manager's Test Events tab, used for events whose target is a test target.</summary>
    public string? TestEventCode { get; set; }

    /// <summary>
    /// Page sent as <c>page.url</c> when a website event carries none (orders from webhooks): typically the shop's
    /// home page. Null leaves such events unsendable.
    /// </summary>
    public string? EventSourceUrlFallback { get; set; }

    /// <summary>Oldest event sent, in days: retries stop before it and older events are dead-lettered as expired.</summary>
    public int MaxEventAgeDays { get; set; } = 7;

    /// <summary>TikTok names no hard limit; attribution windows end after days, so old events are not worth sending.</summary>
    public EventAgeLimit AgeLimit() => EventAgeLimit.Days(nameof(MaxEventAgeDays), MaxEventAgeDays);
}
