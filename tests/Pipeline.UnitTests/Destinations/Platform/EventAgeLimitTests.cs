using Pipeline.Destinations;

namespace Pipeline.UnitTests.Destinations.Platform;

/// <summary>How old an event a platform takes: a setting within the platform's bounds.</summary>
public sealed class EventAgeLimitTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Within_bounds_there_is_no_problem_and_the_limit_is_the_value_in_its_unit()
    {
        var limit = EventAgeLimit.Hours("MaxEventAgeHours", 48, max: 72, "GA4's limit");

        Assert.Null(limit.Problem());
        Assert.Equal(TimeSpan.FromHours(48), limit.MaxEventAge);
    }

    [Fact]
    public void Beyond_the_platforms_limit_the_problem_names_the_setting_the_bounds_and_whose_limit()
    {
        Assert.Equal("Settings:MaxEventAgeDays must be 1 to 7 (Meta's limit)", EventAgeLimit.Days("MaxEventAgeDays", 8, max: 7, "Meta's limit").Problem());
        Assert.Equal("Settings:ClickWindowDays must be 1 to 90", EventAgeLimit.Days("ClickWindowDays", 0, max: 90).Problem());
    }

    [Fact]
    public void Without_a_platform_limit_only_the_minimum_applies()
    {
        Assert.Equal("Settings:MaxEventAgeDays must be at least 1", EventAgeLimit.Days("MaxEventAgeDays", 0).Problem());
        Assert.Null(EventAgeLimit.Days("MaxEventAgeDays", 400).Problem());
    }

    [Fact]
    public void A_value_out_of_bounds_still_gives_a_limit_within_them()
    {
        Assert.Equal(TimeSpan.FromDays(90), EventAgeLimit.Days("ClickWindowDays", 400, max: 90).MaxEventAge);
    }

    [Fact]
    public void An_event_is_past_the_limit_only_when_older_than_it()
    {
        var limit = EventAgeLimit.Days("MaxEventAgeDays", 7);

        Assert.False(limit.IsPassedBy(Now.AddDays(-7).ToUnixTimeSeconds(), Now));
        Assert.True(limit.IsPassedBy(Now.AddDays(-7).AddSeconds(-1).ToUnixTimeSeconds(), Now));
    }
}
