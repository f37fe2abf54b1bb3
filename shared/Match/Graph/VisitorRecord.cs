namespace Pipeline.Match.Graph;

/// <summary>Everything the visitors table holds about one visitor: the profile (when written) and the clicks.</summary>
public sealed record VisitorRecord(string VisitorId, VisitorProfile? Profile, IReadOnlyList<VisitorClick> Clicks)
{
    /// <summary>True when the collector has written anything for this visitor.</summary>
    public bool IsKnown => Profile is not null || Clicks.Count > 0;
}
