using Pipeline.Destinations;

namespace Pipeline.UnitTests.Destinations;

public class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Seconds_are_read_as_a_delay() =>
        Assert.Equal(TimeSpan.FromSeconds(120), RetryAfterHeader.Read(new Dictionary<string, string> { ["Retry-After"] = "120" }, Now));

    [Fact]
    public void An_http_date_is_read_relative_to_now() =>
        Assert.Equal(TimeSpan.FromMinutes(5),
            RetryAfterHeader.Read(new Dictionary<string, string> { ["retry-after"] = "Tue, 01 Sep 2026 12:05:00 GMT" }, Now));

    [Fact]
    public void A_date_in_the_past_means_no_wait() =>
        Assert.Equal(TimeSpan.Zero,
            RetryAfterHeader.Read(new Dictionary<string, string> { ["Retry-After"] = "Tue, 01 Sep 2026 11:00:00 GMT" }, Now));

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("")]
    public void Unreadable_values_give_no_delay(string value) =>
        Assert.Null(RetryAfterHeader.Read(new Dictionary<string, string> { ["Retry-After"] = value }, Now));

    [Fact]
    public void A_missing_header_gives_no_delay() => Assert.Null(RetryAfterHeader.Read(new Dictionary<string, string>(), Now));
}
