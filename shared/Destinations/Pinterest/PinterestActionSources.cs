namespace Pipeline.Destinations.Pinterest;

/// <summary>Maps the pipeline's <c>action_source</c> to Pinterest's (<c>web</c>, <c>app_android</c>, <c>app_ios</c>, <c>offline</c>).</summary>
public static class PinterestActionSources
{
    public const string Web = "web";
    public const string Offline = "offline";

    /// <summary>
    /// website → web; app → null (Pinterest needs app_android or app_ios, and an event does not say which);
    /// everything else (store, phone, chat, e-mail, messaging, system, other) → offline.
    /// </summary>
    public static string? For(string actionSource) => actionSource switch
    {
        "website" => Web,
        "app" => null,
        _ => Offline,
    };
}
