using Pipeline.Configuration;

namespace Pipeline.Send;

/// <summary>Exponential backoff with full jitter, never shorter than what the platform asked for.</summary>
public sealed class RetrySchedule(RetryOptions options, Random random)
{
    /// <summary>Longest a queue message can stay hidden.</summary>
    public static readonly TimeSpan QueueMaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    /// <param name="attempt">The attempt that just failed, 1-based.</param>
    /// <param name="platformDelay">Retry-After or the platform's own retry delay, if it gave one.</param>
    public TimeSpan Delay(int attempt, TimeSpan? platformDelay)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var ceiling = Math.Min(options.InitialDelay.TotalSeconds * Math.Pow(2, exponent), options.MaxDelay.TotalSeconds);
        // Half fixed, half random: spreads a burst of retries without ever retrying immediately.
        var seconds = ceiling / 2 + random.NextDouble() * ceiling / 2;
        var delay = TimeSpan.FromSeconds(seconds);
        if (platformDelay is { } asked && asked > delay) delay = asked;
        return delay > QueueMaxDelay ? QueueMaxDelay : delay;
    }
}
