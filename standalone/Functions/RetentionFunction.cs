using NCrontab;
using Pipeline.Privacy;

namespace Pipeline.Standalone.Functions;

/// <summary>Daily at 03:30 UTC → <see cref="RetentionPurger"/>, as the Functions app's timer does.</summary>
public sealed class RetentionFunction(RetentionPurger purger, TimeProvider time, ILogger<RetentionFunction> logger) : BackgroundService
{
    /// <summary>The Functions app's <c>TimerTrigger</c> schedule (NCRONTAB with seconds, UTC), read by the same parser.</summary>
    public const string Schedule = "0 30 3 * * *";

    private static readonly CrontabSchedule Cron =
        CrontabSchedule.Parse(Schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(UntilNextRun(time.GetUtcNow()), time, stoppingToken);
            try
            {
                await purger.PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or IOException or TimeoutException)
            {
                // Storage was unreachable; tomorrow's run purges what today's missed.
                logger.LogError("Retention run failed: {Error}", e.GetType().Name);
            }
        }
    }

    public static TimeSpan UntilNextRun(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return Cron.GetNextOccurrence(utc) - utc;
    }
}
