using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Pipeline.Collect;

namespace Pipeline.Http;

/// <summary>Which limit a route counts against.</summary>
public enum RateLimitedRoute
{
    Collector,
    Ingest,
}

/// <summary>
/// The abuse limit of the public routes: System.Threading.RateLimiting's partitioned token buckets (the limiter
/// ASP.NET Core's rate-limiting middleware runs), one bucket per client address and route. Handlers ask it first,
/// before reading the body or touching storage, so both hosts enforce the same limits and a refused request costs
/// nothing. The address is the collector's (<see cref="ClientAddress"/>, the trusted proxy header when configured);
/// an IPv6 client counts by its /64, the block one subscriber gets.
/// </summary>
public sealed class ClientRateLimiter : IDisposable
{
    private readonly CollectorOptions _addresses;
    private readonly PartitionedRateLimiter<string>? _collector;
    private readonly PartitionedRateLimiter<string>? _ingest;

    public ClientRateLimiter(RateLimitOptions options, CollectorOptions addresses)
    {
        _addresses = addresses;
        _collector = Create(options.Collector);
        _ingest = Create(options.Ingest);
    }

    /// <summary>Null when the request may go on; else the 429 to answer, with <c>Retry-After</c> in seconds.</summary>
    public ApiResult? Refusal(HttpRequest request, RateLimitedRoute route)
    {
        var limiter = route == RateLimitedRoute.Collector ? _collector : _ingest;
        if (limiter is null) return null;
        using var lease = limiter.AttemptAcquire(PartitionKey(request));
        if (lease.IsAcquired) return null;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var refused = ApiResult.Error(StatusCodes.Status429TooManyRequests, $"too many requests from this address; retry in {seconds} s");
        refused.Headers["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture);
        return refused;
    }

    /// <summary>The bucket a request counts in: its client address, an IPv6 one cut to its /64.</summary>
    public string PartitionKey(HttpRequest request) => Prefix(ClientAddress.Of(request, _addresses));

    /// <summary><c>2001:db8:1:2::/64</c> for any address in that block; IPv4 as it is; <c>unknown</c> when none.</summary>
    public static string Prefix(string? address)
    {
        if (address is null || !IPAddress.TryParse(address, out var ip)) return "unknown";
        if (ip.AddressFamily != AddressFamily.InterNetworkV6) return address;
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public void Dispose()
    {
        _collector?.Dispose();
        _ingest?.Dispose();
    }

    private static PartitionedRateLimiter<string>? Create(ClientRateLimit limit)
    {
        if (limit.IsOff) return null;
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(limit.Burst, limit.PermitsPerSecond),
            TokensPerPeriod = limit.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            // The partitioned limiter refills every bucket from one timer and drops buckets that sit idle.
            AutoReplenishment = false,
        };
        return PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => options));
    }
}
