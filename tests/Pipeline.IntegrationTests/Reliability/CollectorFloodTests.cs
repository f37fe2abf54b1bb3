using Pipeline.Http;
using Xunit.Abstractions;

namespace Pipeline.IntegrationTests.Reliability;

/// <summary>
/// A bot flooding the collector from one address: the hits beyond the address's limit are 429 with Retry-After, the
/// ones within it store nothing when they are bare, and nothing is ever a 5xx.
/// </summary>
public sealed class CollectorFloodTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_thousand_bare_hits_store_no_visitor_row_and_queue_nothing()
    {
        // Limits out of the way: this measures the write rule alone.
        var outcome = await CollectorFlood.RunAsync(1000, new ClientRateLimit { PermitsPerSecond = 100_000, Burst = 100_000 });
        output.WriteLine(outcome.ToString());

        Assert.Equal(1000, outcome.Accepted);
        Assert.Equal(0, outcome.VisitorRows + outcome.ClickRows + outcome.IdentityRows);
        Assert.Equal(0, outcome.Queued);
    }

    [Fact]
    public async Task A_flood_from_one_address_beyond_the_default_limit_is_refused_with_429_and_retry_after_and_stores_nothing()
    {
        var limit = new RateLimitOptions().Collector;
        var outcome = await CollectorFlood.RunAsync(1000, limit);
        output.WriteLine(outcome.ToString());

        // The bucket starts full and refills at its rate, however long the flood takes on this machine.
        var mostAccepted = limit.Burst + limit.PermitsPerSecond * (int)Math.Ceiling(outcome.Elapsed.TotalSeconds + 1);
        Assert.Equal(0, outcome.ServerErrors);
        Assert.Equal(outcome.Sent, outcome.Accepted + outcome.Refused);
        Assert.InRange(outcome.Accepted, limit.Burst, mostAccepted);
        Assert.True(outcome.Refused >= outcome.Sent - mostAccepted);
        Assert.Equal(0, outcome.RefusedWithoutRetryAfter);
        Assert.Equal(0, outcome.VisitorRows + outcome.ClickRows + outcome.IdentityRows);
        Assert.Equal(0, outcome.Queued);
    }

    [Fact]
    public async Task Hits_with_new_click_ids_and_emails_store_rows_only_for_the_hits_within_the_limit()
    {
        var limit = new RateLimitOptions().Collector;
        var outcome = await CollectorFlood.RunAsync(1000, limit, clickIdsAndEmail: true);
        output.WriteLine(outcome.ToString());

        Assert.Equal(0, outcome.ServerErrors);
        Assert.Equal(outcome.Sent, outcome.Accepted + outcome.Refused);
        // Per accepted hit: a profile and a click row, a click index row, an identity row.
        Assert.Equal(2 * outcome.Accepted, outcome.VisitorRows);
        Assert.Equal(outcome.Accepted, outcome.ClickRows);
        Assert.Equal(outcome.Accepted, outcome.IdentityRows);
    }

    [Fact]
    public void The_limits_are_on_by_default()
    {
        var defaults = new RateLimitOptions();

        Assert.False(defaults.Collector.IsOff);
        Assert.False(defaults.Ingest.IsOff);
    }
}
