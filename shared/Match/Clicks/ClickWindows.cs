using System.Globalization;
using Pipeline.Configuration;

namespace Pipeline.Match.Clicks;

/// <summary>
/// Click-through windows in days, per click family: the <c>Pipeline:Match:ClickWindows</c> settings over the
/// platforms' documented defaults, and a destination's own <c>Settings:ClickWindowDays</c> over both.
/// </summary>
public sealed class ClickWindows
{
    /// <summary>Shortest and longest window accepted; 90 days is Google's longest and how long clicks are kept.</summary>
    public const int MinDays = 1;
    public const int MaxDays = 90;

    /// <summary>Destination setting that overrides the window of its own family.</summary>
    public const string DestinationSetting = "ClickWindowDays";

    /// <summary>The platforms' default click-through windows.</summary>
    public static readonly IReadOnlyDictionary<string, int> Defaults = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [ClickFamilies.Meta] = 7,
        [ClickFamilies.GoogleAds] = 30,
        [ClickFamilies.GoogleMarketingPlatform] = 30,
        [ClickFamilies.TikTok] = 7,
        [ClickFamilies.Microsoft] = 30,
        [ClickFamilies.Snapchat] = 28,
        [ClickFamilies.Pinterest] = 30,
        [ClickFamilies.Reddit] = 28,
        [ClickFamilies.LinkedIn] = 30,
        [ClickFamilies.X] = 30,
    };

    private readonly Dictionary<string, int> _days = new(StringComparer.OrdinalIgnoreCase);

    public ClickWindows(IReadOnlyDictionary<string, int>? configured = null)
    {
        foreach (var (family, days) in Defaults) _days[family] = days;
        foreach (var (family, days) in configured ?? new Dictionary<string, int>()) _days[family] = Clamp(days);
    }

    /// <summary>The window of a family for all destinations (no destination override).</summary>
    public int DaysFor(string family) => _days.GetValueOrDefault(family, 30);

    /// <summary>Every family's window as a destination sees it, its own override applied.</summary>
    public IReadOnlyDictionary<string, int> For(DestinationOptions destination)
    {
        var result = new Dictionary<string, int>(_days, StringComparer.Ordinal);
        if (!destination.Settings.TryGetValue(DestinationSetting, out var text)
            || !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days))
            return result;

        var own = ClickFamilies.OfDestinationType(destination.Type);
        foreach (var family in ClickFamilies.All)
            if (own is null || family == own) result[family] = Clamp(days);
        return result;
    }

    private static int Clamp(int days) => Math.Clamp(days, MinDays, MaxDays);
}
