namespace Pipeline.Destinations.TikTok;

/// <summary>
/// Maps the pipeline's <c>action_source</c> to TikTok's <c>event_source</c>, and names the id each source is sent with.
/// </summary>
public static class TikTokEventSources
{
    public const string Web = "web";
    public const string App = "app";
    public const string Offline = "offline";

    /// <summary>
    /// website → web, app → app, everything else (store, phone, chat, e-mail, messaging, system, other) → offline.
    /// TikTok's <c>crm</c> source is not used: it takes lead-stage events of a CRM event set, not conversions.
    /// </summary>
    public static string For(string actionSource) => actionSource switch
    {
        "website" => Web,
        "app" => App,
        _ => Offline,
    };

    /// <summary>The configured <c>event_source_id</c> for an event source, or null when none is configured.</summary>
    public static string? SourceId(string eventSource, TikTokSettings settings)
    {
        var id = eventSource switch
        {
            Web => settings.PixelCode,
            App => settings.AppId,
            _ => settings.OfflineEventSetId,
        };
        return string.IsNullOrWhiteSpace(id) ? null : id;
    }
}
