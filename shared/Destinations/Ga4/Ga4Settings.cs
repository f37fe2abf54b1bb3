namespace Pipeline.Destinations.Ga4;

/// <summary>One GA4 web data stream that events are sent to through the Measurement Protocol.</summary>
public sealed class Ga4Settings : IPlatformSettings
{
    public const string DefaultBaseUrl = "https://www.google-analytics.com";

    /// <summary>GA4 accepts Measurement Protocol events backdated by at most this much.</summary>
    public const int MaxBackdateHours = 72;

    /// <summary>Collection host; EU data residency uses "https://region1.google-analytics.com".</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The web stream's measurement id, G-XXXXXXXXXX.</summary>
    public string MeasurementId { get; set; } = "";

    /// <summary>Measurement Protocol API secret of the stream; sent as a query parameter and redacted in records.</summary>
    public string ApiSecret { get; set; } = "";

    /// <summary>Send to the validation endpoint (/debug/mp/collect): nothing is recorded, problems are reported.</summary>
    public bool DebugMode { get; set; }

    /// <summary>Older events are not sent; capped at <see cref="MaxBackdateHours"/>.</summary>
    public int MaxEventAgeHours { get; set; } = MaxBackdateHours;

    /// <summary>GA4 does not record events backdated by more than 72 h.</summary>
    public EventAgeLimit AgeLimit() => EventAgeLimit.Hours(nameof(MaxEventAgeHours), MaxEventAgeHours, max: MaxBackdateHours, "GA4's limit");

    /// <summary>Send the Google-rules hash of the external id as user_id (off: user_id is meant for the site's own login id).</summary>
    public bool ExternalIdAsUserId { get; set; }
}
