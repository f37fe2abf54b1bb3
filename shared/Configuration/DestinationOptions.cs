namespace Pipeline.Configuration;

/// <summary>One configured destination (<c>Pipeline__Destinations__N__*</c>).</summary>
public sealed class DestinationOptions
{
    /// <summary>Unique, stable id (letters, digits, '-' and '_'): the ledger's row key.</summary>
    public string Id { get; set; } = "";

    /// <summary><c>outbox</c>, <c>meta</c>, <c>tiktok</c>, <c>google_ads</c> or <c>ga4</c>.</summary>
    public string Type { get; set; } = "";

    public bool Enabled { get; set; } = true;

    /// <summary><c>live</c> sends; <c>test</c> sends to the platform's test mode only; <c>outbox</c> records instead of sending.</summary>
    public string Mode { get; set; } = "live";

    /// <summary>
    /// Standard event name → platform event name, e.g. <c>Purchase=purchase,Refund=refund</c>. Empty: the platform's
    /// default mapping. An event not in a non-empty map is not sent to this destination.
    /// </summary>
    public string Events { get; set; } = "";

    /// <summary>Everything platform-specific (base URL, API version, pixel id, token…), bound by the destination.</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
