using Pipeline.Privacy;

namespace Pipeline.UnitTests.Operations;

public sealed class IpTruncationTests
{
    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0")]
    [InlineData(" 198.51.100.1 ", "198.51.100.0")]
    [InlineData("203.0.113.0", "203.0.113.0")]
    [InlineData("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::")]
    [InlineData("2001:db8::1", "2001:db8::")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0")]
    public void Addresses_are_cut_to_their_network(string ip, string expected) =>
        Assert.Equal(expected, IpTruncation.Truncate(ip));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not an ip")]
    [InlineData("203.0.113")]
    public void Anything_else_is_dropped(string? ip) => Assert.Null(IpTruncation.Truncate(ip));
}
