using Pipeline.Configuration;

namespace Pipeline.Match.Consent;

/// <summary>
/// The consent treatment of a destination: its type, unless <c>Settings:ConsentAs</c> names another (an outbox
/// previewing what Meta would get). Types without a treatment of their own, the outbox included, are treated as a
/// generic ad platform.
/// </summary>
public static class ConsentTypes
{
    public const string Setting = "ConsentAs";
    public const string Meta = "meta";
    public const string TikTok = "tiktok";
    public const string Snapchat = "snapchat";
    public const string GoogleAds = "google_ads";
    public const string Ga4 = "ga4";

    public static string For(DestinationOptions destination) =>
        (destination.Settings.TryGetValue(Setting, out var alias) && !string.IsNullOrWhiteSpace(alias) ? alias : destination.Type)
            .Trim().ToLowerInvariant();
}
