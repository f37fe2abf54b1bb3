namespace Pipeline.Destinations.Snapchat;

/// <summary>Options of one Snapchat Conversions API v3 destination (one pixel, one token).</summary>
public sealed class SnapchatSettings : IPlatformSettings
{
    /// <summary>Conversions API host; tests point it at a local fake.</summary>
    public string BaseUrl { get; set; } = "https://tr.snapchat.com";

    /// <summary>The Snap Pixel id web and offline events are sent to (<c>/v3/{pixel_id}/events</c>).</summary>
    public string PixelId { get; set; } = "";

    /// <summary>Long-lived Conversions API token (Business Manager → Business Details), sent as <c>access_token</c>.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>
    /// Page sent as <c>event_source_url</c> when a website event carries none (orders from webhooks): typically
    /// the shop's home page. Null leaves such events unsendable, since Snap requires the url for web events.
    /// </summary>
    public string? EventSourceUrlFallback { get; set; }

    /// <summary>Oldest event sent, in days: retries stop before it and older events are dead-lettered as expired.</summary>
    public int MaxEventAgeDays { get; set; } = 7;

    /// <summary>Snap takes events up to 37 days old; the default stays at 7, where attribution still counts.</summary>
    public EventAgeLimit AgeLimit() => EventAgeLimit.Days(nameof(MaxEventAgeDays), MaxEventAgeDays, max: 37, "Snapchat's limit");
}
