using Pipeline.Configuration;
using Pipeline.Send;

namespace Pipeline.UnitTests.Send;

public class RetryScheduleTests
{
    private static readonly RetryOptions Defaults = new();

    [Fact]
    public void Delay_doubles_with_each_attempt_until_the_ceiling()
    {
        var schedule = new RetrySchedule(Defaults, new FixedRandom(0.0));

        // With no jitter drawn, a delay is half its ceiling: 30 s × 2^(attempt-1) / 2.
        Assert.Equal(TimeSpan.FromSeconds(15), schedule.Delay(1, null));
        Assert.Equal(TimeSpan.FromSeconds(30), schedule.Delay(2, null));
        Assert.Equal(TimeSpan.FromSeconds(60), schedule.Delay(3, null));
        Assert.Equal(TimeSpan.FromSeconds(120), schedule.Delay(4, null));
        Assert.Equal(TimeSpan.FromHours(3), schedule.Delay(20, null));
    }

    [Fact]
    public void Full_jitter_reaches_the_ceiling_but_never_passes_it()
    {
        var schedule = new RetrySchedule(Defaults, new FixedRandom(0.999999));

        Assert.InRange(schedule.Delay(1, null), TimeSpan.FromSeconds(29.99), TimeSpan.FromSeconds(30));
        Assert.InRange(schedule.Delay(30, null), Defaults.MaxDelay - TimeSpan.FromSeconds(1), Defaults.MaxDelay);
    }

    [Fact]
    public void Jittered_delays_stay_between_half_the_ceiling_and_the_ceiling()
    {
        var schedule = new RetrySchedule(Defaults, new Random(20260901));

        for (var attempt = 1; attempt <= 15; attempt++)
        {
            var ceiling = TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, attempt - 1), Defaults.MaxDelay.TotalSeconds));
            var delays = Enumerable.Range(0, 200).Select(_ => schedule.Delay(attempt, null)).ToList();

            Assert.All(delays, d => Assert.InRange(d, ceiling / 2, ceiling));
            // Jitter actually spreads retries: a burst of failures does not come back in lockstep.
            Assert.True(delays.Distinct().Count() > 150, $"attempt {attempt}: too few distinct delays");
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_schedule()
    {
        var first = new RetrySchedule(Defaults, new Random(7));
        var second = new RetrySchedule(Defaults, new Random(7));

        var a = Enumerable.Range(1, 10).Select(n => first.Delay(n, null)).ToList();
        var b = Enumerable.Range(1, 10).Select(n => second.Delay(n, null)).ToList();

        Assert.Equal(a, b);
    }

    [Fact]
    public void A_longer_platform_delay_wins_over_the_backoff()
    {
        var schedule = new RetrySchedule(Defaults, new Random(1));

        Assert.Equal(TimeSpan.FromSeconds(120), schedule.Delay(1, TimeSpan.FromSeconds(120)));
        // Google's TOO_RECENT answers ask for six hours.
        Assert.Equal(TimeSpan.FromHours(6), schedule.Delay(2, TimeSpan.FromHours(6)));
    }

    [Fact]
    public void A_shorter_platform_delay_does_not_shorten_the_backoff()
    {
        var schedule = new RetrySchedule(Defaults, new FixedRandom(0.0));

        Assert.Equal(TimeSpan.FromSeconds(60), schedule.Delay(3, TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(60), schedule.Delay(3, TimeSpan.Zero));
    }

    [Fact]
    public void No_delay_exceeds_what_a_queue_message_can_be_hidden()
    {
        var generous = new RetryOptions { InitialDelay = TimeSpan.FromDays(1), MaxDelay = TimeSpan.FromDays(30) };
        var schedule = new RetrySchedule(generous, new FixedRandom(0.999999));

        Assert.Equal(RetrySchedule.QueueMaxDelay, schedule.Delay(10, null));
        Assert.Equal(RetrySchedule.QueueMaxDelay, new RetrySchedule(Defaults, new Random(3)).Delay(1, TimeSpan.FromDays(30)));
        Assert.True(RetrySchedule.QueueMaxDelay < TimeSpan.FromDays(7));
    }

    [Fact]
    public void A_huge_attempt_count_does_not_overflow()
    {
        var schedule = new RetrySchedule(Defaults, new Random(5));

        Assert.InRange(schedule.Delay(int.MaxValue, null), Defaults.MaxDelay / 2, Defaults.MaxDelay);
        Assert.InRange(schedule.Delay(0, null), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
    }

    /// <summary>A random source that always draws the same number, to read the schedule without jitter.</summary>
    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}
