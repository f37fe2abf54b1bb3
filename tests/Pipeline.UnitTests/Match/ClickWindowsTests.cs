using Pipeline.Configuration;
using Pipeline.Match.Clicks;

namespace Pipeline.UnitTests.Match;

public sealed class ClickWindowsTests
{
    [Fact]
    public void Defaults_follow_the_platforms_documented_windows()
    {
        var windows = new ClickWindows();

        Assert.Equal(7, windows.DaysFor(ClickFamilies.Meta));
        Assert.Equal(30, windows.DaysFor(ClickFamilies.GoogleAds));
        Assert.Equal(7, windows.DaysFor(ClickFamilies.TikTok));
        Assert.Equal(28, windows.DaysFor(ClickFamilies.Snapchat));
        Assert.Equal(30, windows.DaysFor(ClickFamilies.LinkedIn));
    }

    [Fact]
    public void Settings_override_defaults_and_are_clamped_to_1_to_90_days()
    {
        var windows = new ClickWindows(new Dictionary<string, int> { ["google_ads"] = 120, ["meta"] = 1, ["tiktok"] = 0 });

        Assert.Equal(90, windows.DaysFor(ClickFamilies.GoogleAds));
        Assert.Equal(1, windows.DaysFor(ClickFamilies.Meta));
        Assert.Equal(1, windows.DaysFor(ClickFamilies.TikTok));
    }

    [Fact]
    public void A_destination_override_sets_only_its_own_platform()
    {
        var windows = new ClickWindows();
        var destination = new DestinationOptions { Id = "g2", Type = "google_ads", Settings = { ["ClickWindowDays"] = "90" } };

        var seen = windows.For(destination);

        Assert.Equal(90, seen[ClickFamilies.GoogleAds]);
        Assert.Equal(7, seen[ClickFamilies.Meta]);
    }

    [Fact]
    public void An_outbox_override_sets_every_platform()
    {
        var windows = new ClickWindows();
        var destination = new DestinationOptions { Id = "o", Type = "outbox", Settings = { ["ClickWindowDays"] = "2" } };

        Assert.All(windows.For(destination).Values, days => Assert.Equal(2, days));
    }
}
