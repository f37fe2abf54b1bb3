using System.Net;
using Pipeline.Collect;

namespace Pipeline.UnitTests.Collect;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.5", null, 1, "203.0.113.5")]
    [InlineData("::ffff:203.0.113.5", null, 1, "203.0.113.5")]
    [InlineData("10.0.0.1", "198.51.100.1, 2001:db8::7", 1, "2001:db8::7")]
    [InlineData("10.0.0.1", "198.51.100.1, 203.0.113.9, 10.0.0.2", 2, "203.0.113.9")]
    [InlineData("10.0.0.1", "[2001:db8::1]:443", 1, "2001:db8::1")]
    [InlineData("10.0.0.1", "198.51.100.1:8080", 1, "198.51.100.1")]
    [InlineData("10.0.0.1", "garbage", 1, "10.0.0.1")]
    [InlineData("10.0.0.1", "198.51.100.1", 2, "10.0.0.1")]
    [InlineData("10.0.0.1", "", 1, "10.0.0.1")]
    public void The_address_is_the_socket_or_the_trusted_headers_entry_counted_from_the_right(
        string socket, string? header, int hops, string expected) =>
        Assert.Equal(expected, ClientAddress.Resolve(IPAddress.Parse(socket), header, hops));

    [Fact]
    public void An_IPv6_zone_id_is_dropped() =>
        Assert.Equal("fe80::1", ClientAddress.Resolve(IPAddress.Parse("fe80::1%3"), null, 1));
}
