namespace Pipeline.Destinations.Snapchat;

/// <summary>Maps the pipeline's <c>action_source</c> to Snap's.</summary>
public static class SnapchatActionSources
{
    public const string Web = "WEB";
    public const string App = "MOBILE_APP";
    public const string Offline = "OFFLINE";

    /// <summary>website → WEB, app → MOBILE_APP, everything else (store, phone, chat, e-mail, …) → OFFLINE.</summary>
    public static string For(string actionSource) => actionSource switch
    {
        "website" => Web,
        "app" => App,
        _ => Offline,
    };
}
