namespace Pipeline.Destinations.Pinterest;

/// <summary>Options of one Pinterest Conversions API destination (one ad account, one conversion token).</summary>
public sealed class PinterestSettings : IPlatformSettings
{
    /// <summary>Pinterest API host; tests point it at a local fake.</summary>
    public string BaseUrl { get; set; } = "https://api.pinterest.com";

    /// <summary>The ad account events are sent to (the <c>{ad_account_id}</c> of the events endpoint).</summary>
    public string AdAccountId { get; set; } = "";

    /// <summary>Conversion access token from Ads Manager, sent as <c>Authorization: Bearer</c>.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>Oldest event sent, in days: retries stop before it and older events are dead-lettered as expired.</summary>
    public int MaxEventAgeDays { get; set; } = 7;

    /// <summary>
    /// Pinterest documents no maximum age; a week is kept as the ceiling (as for Meta) rather than guessing a longer one.
    /// </summary>
    public EventAgeLimit AgeLimit() => EventAgeLimit.Days(nameof(MaxEventAgeDays), MaxEventAgeDays, max: 7, "no documented Pinterest limit; kept to a week");
}
