using Microsoft.Azure.WebJobs;
using Pipeline.Match;

namespace Pipeline.Standalone.Functions;

/// <summary>events queue → <see cref="Matcher"/>.</summary>
public sealed class MatchFunction(Matcher matcher)
{
    public Task Run([QueueTrigger("%Pipeline:EventsQueue%")] string message, CancellationToken ct) =>
        matcher.HandleAsync(message, ct);
}
