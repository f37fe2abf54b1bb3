namespace Pipeline.Match;

/// <summary>Matching settings (<c>Pipeline:Match:*</c>); every default is written here once.</summary>
public sealed class MatchOptions
{
    public const string Section = "Pipeline:Match";

    /// <summary>Click family → click-through window in days (1–90), over the platforms' defaults (<see cref="Clicks.ClickWindows.Defaults"/>).</summary>
    public Dictionary<string, int> ClickWindows { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Most visitors taken from one identity key (most recently linked first): a shared e-mail must not fan out.</summary>
    public int MaxVisitorsPerIdentity { get; set; } = 10;

    /// <summary>Most visitor records read for one event.</summary>
    public int MaxVisitors { get; set; } = 25;

    /// <summary>The GA4 session id is attached only when the visitor was last seen this recently before the conversion.</summary>
    public int GaSessionTimeoutMinutes { get; set; } = 30;

    /// <summary>How often an event whose browser data is missing is put back to wait for it (0 = never wait).</summary>
    public int LateDataRetries { get; set; } = 1;

    /// <summary>How long such an event waits before it is matched again.</summary>
    public int LateDataDelaySeconds { get; set; } = 60;

    /// <summary>Only events younger than this wait: an old event's browser data is not coming any more.</summary>
    public int LateDataMaxAgeSeconds { get; set; } = 900;

    /// <summary>
    /// How long a conversion forwarded from the browser (Purchase, Subscribe…) waits before it is matched, so the
    /// server copy of the same event id (the webhook, which carries the order's hashed e-mail and phone) is sent
    /// first: platforms keep the first copy of an event id. 0 = no wait.
    /// </summary>
    public int BrowserConversionDelaySeconds { get; set; } = 60;

    /// <summary>Events a server source also reports; only these wait (<see cref="BrowserConversionDelaySeconds"/>).</summary>
    public static readonly IReadOnlySet<string> ServerReportedEvents =
        new HashSet<string>(["Purchase", "Subscribe", "Refund"], StringComparer.OrdinalIgnoreCase);
}
