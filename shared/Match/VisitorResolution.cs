namespace Pipeline.Match;

/// <summary>The visitors an event was joined to, and how.</summary>
public sealed record VisitorResolution
{
    /// <summary>The strongest rule that found a visitor (<see cref="MatchRules"/>).</summary>
    public string Rule { get; init; } = MatchRules.None;

    /// <summary>The visitor taken as the converting browser: its cookies, IP/UA and external id are used.</summary>
    public string? Primary { get; init; }

    /// <summary>Every visitor whose clicks may be attached (the same person), primary first.</summary>
    public IReadOnlyList<string> Accepted { get; init; } = [];

    /// <summary>True when the event carried visitor ids and the graph knows none of them (yet).</summary>
    public bool CarriedVisitorUnknown { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];
}
