namespace Pipeline.FunctionsTests.Surface;

/// <summary>
/// One way into the app, in words both hosts can be compared on: <c>http</c> "POST /api/events" anonymous,
/// <c>queue</c> "%Pipeline:EventsQueue%" on its storage connection, <c>timer</c> "0 30 3 * * *".
/// </summary>
public sealed record Trigger(string Kind, string What, string Detail)
{
    public override string ToString() => $"{Kind} {What} ({Detail})";

    /// <summary>What one side has and the other lacks, as lines a failing test can print.</summary>
    public static IReadOnlyList<string> Differences(IEnumerable<Trigger> functions, IEnumerable<Trigger> standalone)
    {
        var f = functions.ToHashSet();
        var s = standalone.ToHashSet();
        return f.Except(s).Select(t => $"only in the Functions app: {t}")
            .Concat(s.Except(f).Select(t => $"only in the standalone host: {t}"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
