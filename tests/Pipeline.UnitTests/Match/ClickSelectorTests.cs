using Pipeline.Match.Clicks;
using Pipeline.Match.Graph;

namespace Pipeline.UnitTests.Match;

public sealed class ClickSelectorTests
{
    private static readonly DateTimeOffset Conversion = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);
    private static long ConversionTime => Conversion.ToUnixTimeSeconds();

    private static VisitorClickCandidate Click(string param, string id, TimeSpan before, string visitor = "v1") =>
        new(new VisitorClick(param, id, Conversion - before, visitor));

    [Fact]
    public void The_latest_click_of_the_platform_within_the_window_wins()
    {
        var clicks = new[] { Click("fbclid", "old", TimeSpan.FromDays(5)), Click("fbclid", "new", TimeSpan.FromDays(1)) };

        var selection = ClickSelector.Select(ClickFamilies.Meta, clicks, ConversionTime, 7);

        Assert.Equal("new", selection.Chosen!.Click.ClickId);
        Assert.Equal("a later click of the same platform wins", Assert.Single(selection.Rejected).Reason);
    }

    [Fact]
    public void A_click_after_the_conversion_is_never_chosen_even_when_it_is_the_latest()
    {
        var clicks = new[] { Click("gclid", "before", TimeSpan.FromDays(2)), Click("gclid", "after", TimeSpan.FromMinutes(-5)) };

        var selection = ClickSelector.Select(ClickFamilies.GoogleAds, clicks, ConversionTime, 30);

        Assert.Equal("before", selection.Chosen!.Click.ClickId);
        Assert.Contains(selection.Rejected, r => r.Candidate.Click.ClickId == "after" && r.Reason == "captured after the conversion");
    }

    [Fact]
    public void A_click_in_the_same_second_as_the_conversion_counts_as_before_it()
    {
        var clicks = new[] { Click("ttclid", "same-second", TimeSpan.FromMilliseconds(-400)) };

        Assert.NotNull(ClickSelector.Select(ClickFamilies.TikTok, clicks, ConversionTime, 7).Chosen);
    }

    [Fact]
    public void An_expired_click_is_not_chosen_and_says_why()
    {
        var clicks = new[] { Click("fbclid", "expired", TimeSpan.FromDays(8)) };

        var selection = ClickSelector.Select(ClickFamilies.Meta, clicks, ConversionTime, 7);

        Assert.Null(selection.Chosen);
        Assert.Equal("older than the 7-day click window", Assert.Single(selection.Rejected).Reason);
    }

    [Fact]
    public void A_click_exactly_at_the_window_edge_is_still_inside()
    {
        var clicks = new[] { Click("gclid", "edge", TimeSpan.FromDays(30)) };

        Assert.NotNull(ClickSelector.Select(ClickFamilies.GoogleAds, clicks, ConversionTime, 30).Chosen);
    }

    [Fact]
    public void Google_params_form_one_family_and_the_latest_of_them_wins()
    {
        var clicks = new[] { Click("gclid", "g", TimeSpan.FromDays(3)), Click("wbraid", "w", TimeSpan.FromDays(1)), Click("fbclid", "f", TimeSpan.FromHours(1)) };

        var selection = ClickSelector.Select(ClickFamilies.GoogleAds, clicks, ConversionTime, 30);

        Assert.Equal("wbraid", selection.Chosen!.Click.Param);
        Assert.DoesNotContain(selection.Rejected, r => r.Candidate.Click.Param == "fbclid");
    }

    [Theory]
    [InlineData("fbclid", ClickFamilies.Meta)]
    [InlineData("gclid", ClickFamilies.GoogleAds)]
    [InlineData("gbraid", ClickFamilies.GoogleAds)]
    [InlineData("wbraid", ClickFamilies.GoogleAds)]
    [InlineData("dclid", ClickFamilies.GoogleMarketingPlatform)]
    [InlineData("ttclid", ClickFamilies.TikTok)]
    [InlineData("msclkid", ClickFamilies.Microsoft)]
    [InlineData("ScCid", ClickFamilies.Snapchat)]
    [InlineData("epik", ClickFamilies.Pinterest)]
    [InlineData("rdt_cid", ClickFamilies.Reddit)]
    [InlineData("li_fat_id", ClickFamilies.LinkedIn)]
    [InlineData("twclid", ClickFamilies.X)]
    public void Each_click_param_belongs_to_its_platform(string param, string family) =>
        Assert.Equal(family, ClickFamilies.Of(param));

    [Fact]
    public void Click_params_are_case_sensitive() => Assert.Null(ClickFamilies.Of("GCLID"));
}
