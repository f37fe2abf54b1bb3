namespace Pipeline.Destinations.Meta;

/// <summary>Options of one Meta Conversions API destination (one pixel, one token).</summary>
public sealed class MetaSettings : IPlatformSettings
{
    /// <summary>Graph API host; tests point it at a local fake.</summary>
    public string BaseUrl { get; set; } = "https://graph.facebook.com";

    /// <summary>Graph API version. Deprecated versions answer code 2635, so keep it current.</summary>
    public string ApiVersion { get; set; } = "v26.0";

    /// <summary>The pixel (dataset) id events are sent to.</summary>
    public string PixelId { get; set; } = "";

    /// <summary>Conversions API access token (system user token from Events Manager).</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>
    /// App secret; when set every request carries <c>appsecret_proof</c> (needed when the app requires proofs).
    /// </summary>
    public string? AppSecret { get; set; }

    /// <summary>Code from Events Manager's Test Events tab, used for events whose target is a test target.</summary>
    public string? TestEventCode { get; set; }

    /// <summary>
    /// Page sent as <c>event_source_url</c> when a website event carries none (orders from webhooks):
    /// typically the shop's home page. Null leaves such events unsendable.
    /// </summary>
    public string? EventSourceUrlFallback { get; set; }

    /// <summary>Oldest event Meta accepts, in days (its documented limit).</summary>
    public int MaxEventAgeDays { get; set; } = 7;

    /// <summary>Meta refuses events older than 7 days (physical store events: see <see cref="PhysicalStoreMaxEventAgeDays"/>).</summary>
    public EventAgeLimit AgeLimit() => EventAgeLimit.Days(nameof(MaxEventAgeDays), MaxEventAgeDays, max: 7, "Meta's limit");

    /// <summary>Oldest <c>physical_store</c> event Meta accepts, in days.</summary>
    public int PhysicalStoreMaxEventAgeDays { get; set; } = 62;
}
