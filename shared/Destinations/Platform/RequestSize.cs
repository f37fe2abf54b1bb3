namespace Pipeline.Destinations.Platform;

/// <summary>The bounds of one platform request's event count; the batcher keeps to them, a builder still refuses to break them.</summary>
public static class RequestSize
{
    /// <exception cref="ArgumentException">No event, or more than the platform takes in one request.</exception>
    public static void Check(int events, int max, string platform, string paramName)
    {
        if (events == 0) throw new ArgumentException($"A {platform} request needs at least one event.", paramName);
        if (events > max) throw new ArgumentException($"{platform} accepts at most {max} events per request.", paramName);
    }
}
