using Microsoft.Azure.Functions.Worker;
using Pipeline.Privacy;

namespace Pipeline.Functions.Functions;

/// <summary>Daily at 03:30 UTC → <see cref="RetentionPurger"/>.</summary>
public sealed class RetentionFunction(RetentionPurger purger)
{
    [Function("Retention")]
    public Task Run([TimerTrigger("0 30 3 * * *")] TimerInfo timer, CancellationToken ct) =>
        purger.PurgeAsync(ct);
}
