using System.Diagnostics;
using System.Net;
using System.Text;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.IntegrationTests.Sources;

namespace Pipeline.IntegrationTests.Reliability;

/// <summary>
/// The ingest routes (server API, Shopify, Stripe) share one limit per sending address, checked before the key or
/// signature: a flood of forged requests is refused with 429 instead of costing a signature check each.
/// </summary>
public sealed class IngestFloodTests
{
    private const int PerSecond = 1;
    private const int Burst = 20;

    [Fact]
    public async Task Forged_requests_beyond_the_ingest_limit_get_429_with_retry_after_across_all_three_routes()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Pipeline:RateLimits:Ingest:PermitsPerSecond"] = PerSecond.ToString(),
            ["Pipeline:RateLimits:Ingest:Burst"] = Burst.ToString(),
        };
        foreach (var (k, v) in ShopifyOrders.Settings()) settings[k] = v;
        foreach (var (k, v) in StripePayloads.Settings()) settings[k] = v;
        await using var host = await PipelineHost.StartAsync(settings);
        var paths = new[] { BadInputCorpus.EventsPath, ShopifyOrders.Path, BadInputCorpus.StripePath };

        var statuses = new List<HttpStatusCode>();
        var retryAfterMissing = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 150; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, paths[i % 3]) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            request.Headers.Add("x-api-key", "forged");
            using var response = await host.Http.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter?.Delta is not { TotalSeconds: >= 1 }) retryAfterMissing++;
        }
        var mostPassed = Burst + PerSecond * (int)Math.Ceiling(clock.Elapsed.TotalSeconds + 1);

        var passed = statuses.Count(s => s != HttpStatusCode.TooManyRequests);
        Assert.All(statuses, s => Assert.True((int)s is 401 or 429, $"answered {(int)s}"));
        Assert.InRange(passed, Burst, mostPassed);
        Assert.Equal(0, retryAfterMissing);
        Assert.Equal(0, await host.MessageCountAsync(host.EventsQueue));
    }
}
