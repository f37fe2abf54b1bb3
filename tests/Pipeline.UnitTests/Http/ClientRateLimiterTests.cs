using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Pipeline.Collect;
using Pipeline.Http;

namespace Pipeline.UnitTests.Http;

public sealed class ClientRateLimiterTests
{
    private static HttpRequest From(string address, string? forwardedFor = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (forwardedFor is not null) context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        return context.Request;
    }

    private static ClientRateLimiter Limiter(int perSecond, int burst, string proxyHeader = "") => new(
        new RateLimitOptions
        {
            Collector = new ClientRateLimit { PermitsPerSecond = perSecond, Burst = burst },
            Ingest = new ClientRateLimit { PermitsPerSecond = 0 },
        },
        new CollectorOptions { TrustedProxyHeader = proxyHeader });

    [Fact]
    public void An_address_gets_its_burst_then_429s_with_retry_after_while_another_address_is_untouched()
    {
        using var limiter = Limiter(perSecond: 1, burst: 5);
        var clock = Stopwatch.StartNew();

        var answers = Enumerable.Range(0, 60).Select(_ => limiter.Refusal(From("203.0.113.7"), RateLimitedRoute.Collector)).ToList();
        var elapsedSeconds = (int)Math.Ceiling(clock.Elapsed.TotalSeconds);

        var accepted = answers.Count(a => a is null);
        Assert.InRange(accepted, 5, 5 + elapsedSeconds);
        var refused = answers.First(a => a is not null)!;
        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers["Retry-After"]) >= 1);
        Assert.Null(limiter.Refusal(From("198.51.100.1"), RateLimitedRoute.Collector));
    }

    [Fact]
    public void A_limit_of_zero_per_second_turns_the_routes_limit_off()
    {
        using var limiter = Limiter(perSecond: 1, burst: 1);

        Assert.All(Enumerable.Range(0, 50), _ => Assert.Null(limiter.Refusal(From("203.0.113.7"), RateLimitedRoute.Ingest)));
    }

    [Fact]
    public void Behind_a_trusted_proxy_the_forwarded_address_is_the_client()
    {
        using var limiter = Limiter(perSecond: 1, burst: 1, proxyHeader: "X-Forwarded-For");

        Assert.Equal("203.0.113.7", limiter.PartitionKey(From("10.0.0.4", forwardedFor: "203.0.113.7")));
        Assert.Equal("198.51.100.9", limiter.PartitionKey(From("10.0.0.4", forwardedFor: "203.0.113.7, 198.51.100.9")));
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData(null, "unknown")]
    public void An_ipv6_client_counts_by_its_64_block(string? address, string expected) =>
        Assert.Equal(expected, ClientRateLimiter.Prefix(address));
}
