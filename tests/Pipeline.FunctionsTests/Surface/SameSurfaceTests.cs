using Pipeline.Standalone.Functions;

namespace Pipeline.FunctionsTests.Surface;

/// <summary>
/// The Functions app (as the worker SDK's build-time metadata describes it to the Functions host) and the standalone
/// host (as its own route table and trigger classes say) offer exactly the same ways in.
/// </summary>
public sealed class SameSurfaceTests
{
    [Fact]
    public void Both_hosts_have_the_same_routes_methods_auth_levels_queue_names_and_schedules()
    {
        var functions = FunctionsMetadata.Triggers();
        var standalone = StandaloneSurface.Triggers();

        var differences = Trigger.Differences(functions, standalone);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
        // Nothing counted twice or lost on the way: one trigger per route and method, per queue, per timer.
        Assert.Equal(functions.Count, functions.Distinct().Count());
        Assert.Equal(standalone.Count, standalone.Distinct().Count());
    }

    [Fact]
    public void The_surface_covers_every_kind_of_trigger_the_app_has()
    {
        var functions = FunctionsMetadata.Triggers();
        Assert.Contains(new Trigger("http", "POST /api/events", "anonymous"), functions);
        Assert.Contains(new Trigger("queue", "%Pipeline:EventsQueue%", "AzureWebJobsStorage"), functions);
        Assert.Contains(new Trigger("queue", "%Pipeline:DeliveriesQueue%-poison", "AzureWebJobsStorage"), functions);
        Assert.Contains(new Trigger("timer", RetentionFunction.Schedule, "utc"), functions);
        Assert.DoesNotContain(functions, t => t.Detail == "unknown trigger");
    }

    [Fact]
    public void A_route_on_one_host_only_is_reported_with_the_host_that_has_it()
    {
        var both = new Trigger("http", "POST /api/events", "anonymous");
        var functionsOnly = new Trigger("http", "GET /api/new", "anonymous");
        var standaloneOnly = new Trigger("queue", "%Pipeline:OtherQueue%", "AzureWebJobsStorage");

        var differences = Trigger.Differences([both, functionsOnly], [both, standaloneOnly]);

        Assert.Equal(
            ["only in the Functions app: http GET /api/new (anonymous)",
             "only in the standalone host: queue %Pipeline:OtherQueue% (AzureWebJobsStorage)"],
            differences);
    }

    [Fact]
    public void The_standalone_timer_fires_on_the_functions_schedule_daily_at_0330_utc()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), RetentionFunction.UntilNextRun(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromDays(1), RetentionFunction.UntilNextRun(new DateTimeOffset(2026, 12, 2, 3, 30, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(1), RetentionFunction.UntilNextRun(new DateTimeOffset(2026, 12, 2, 4, 30, 0, TimeSpan.FromHours(2))));
    }
}
