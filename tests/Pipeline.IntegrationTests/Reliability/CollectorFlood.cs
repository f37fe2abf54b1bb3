using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using Pipeline.Http;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.IntegrationTests.Reliability;

/// <summary>What a collector flood from one address did: answers, refusals, and the rows and messages it left.</summary>
public sealed record FloodOutcome(string Kind, int Sent, int Accepted, int Refused, int ServerErrors, int RefusedWithoutRetryAfter,
    int VisitorRows, int ClickRows, int IdentityRows, int Queued, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"collector-flood/{Kind}: sent={Sent} accepted={Accepted} refused(429)={Refused} 5xx={ServerErrors} " +
        $"429 without Retry-After={RefusedWithoutRetryAfter}; rows: visitors={VisitorRows} clicks={ClickRows} identities={IdentityRows}; " +
        $"queued={Queued}; {Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
}

/// <summary>
/// Floods the collector from one address (127.0.0.1) as fast as 8 connections go: bare hits (the corpus's
/// <see cref="BadInputCorpus.CollectorFlood"/>), or, as a bot filling the tables would, hits that each carry a new
/// click id and a new e-mail address.
/// </summary>
public static class CollectorFlood
{
    public static async Task<FloodOutcome> RunAsync(int hits, ClientRateLimit limit, bool clickIdsAndEmail = false)
    {
        await using var host = await PipelineHost.StartAsync(new Dictionary<string, string?>
        {
            ["Pipeline:RateLimits:Collector:PermitsPerSecond"] = limit.PermitsPerSecond.ToString(CultureInfo.InvariantCulture),
            ["Pipeline:RateLimits:Collector:Burst"] = limit.Burst.ToString(CultureInfo.InvariantCulture),
        });
        var requests = clickIdsAndEmail ? Identified(hits) : BadInputCorpus.CollectorFlood(hits).ToList();
        var statuses = new ConcurrentDictionary<int, int>();
        var missingRetryAfter = 0;
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (bad, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, bad.Path) { Content = new ByteArrayContent(bad.Body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/plain");
            request.Headers.TryAddWithoutValidation("User-Agent", bad.Headers["User-Agent"]);
            using var response = await http.SendAsync(request, ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter?.Delta is not { TotalSeconds: >= 1 })
                Interlocked.Increment(ref missingRetryAfter);
        });
        clock.Stop();

        return new FloodOutcome(clickIdsAndEmail ? "click-ids-and-email" : "bare", requests.Count,
            statuses.Where(s => s.Key is >= 200 and < 300).Sum(s => s.Value), statuses.GetValueOrDefault(429),
            statuses.Where(s => s.Key >= 500).Sum(s => s.Value), missingRetryAfter,
            await CountAsync(host.Table("visitors")), await CountAsync(host.Table("clicks")), await CountAsync(host.Table("identities")),
            await host.MessageCountAsync(host.EventsQueue), clock.Elapsed);
    }

    private static List<BadRequest> Identified(int hits)
    {
        var headers = BadInputCorpus.CollectorFlood(1).First().Headers;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return Enumerable.Range(0, hits).Select(i => new BadRequest("collector-flood/identified", "POST", BadInputCorpus.CollectorPath, headers,
            System.Text.Encoding.UTF8.GetBytes(
                $"{{\"v\":1,\"e\":[{{\"t\":\"hit\",\"ts\":{now},\"u\":\"https://shop.example/p?gclid=Gflood{i}\",\"ck\":{{\"gclid\":\"Gflood{i}\"}}}}," +
                $"{{\"t\":\"id\",\"ts\":{now},\"email\":\"flood{i}@example.com\"}}]}}"))).ToList();
    }

    private static async Task<int> CountAsync(TableClient table)
    {
        try
        {
            return await table.QueryAsync<TableEntity>(select: ["PartitionKey"]).CountAsync();
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }
}
