using Microsoft.Azure.Functions.Worker;
using Pipeline.Match;

namespace Pipeline.Functions.Functions;

/// <summary>events queue → <see cref="Matcher"/>.</summary>
public sealed class MatchFunction(Matcher matcher)
{
    [Function("Match")]
    public Task Run([QueueTrigger("%Pipeline:EventsQueue%")] string message, CancellationToken ct) =>
        matcher.HandleAsync(message, ct);
}
