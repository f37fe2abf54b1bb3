using Pipeline.Match.Graph;

namespace Pipeline.Match;

/// <summary>Everything the visitor graph says about one event, read before any decision is made.</summary>
public sealed record MatchEvidence
{
    /// <summary>The event's own visitor ids that name a browser (not a customer account), in the event's order.</summary>
    public IReadOnlyList<CarriedVisitor> Carried { get; init; } = [];

    /// <summary>Who landed with each click id the event carries.</summary>
    public IReadOnlyList<VisitorClick> ClickLandings { get; init; } = [];

    /// <summary>Visitors linked to the event's hashed identifiers or customer ids, most recently linked first per key.</summary>
    public IReadOnlyList<IdentityLink> IdentityLinks { get; init; } = [];

    /// <summary>Every visitor read, by id.</summary>
    public IReadOnlyDictionary<string, VisitorRecord> Visitors { get; init; } = new Dictionary<string, VisitorRecord>();

    public static readonly MatchEvidence Empty = new();
}

/// <summary>A visitor id the event carried: the visitor itself when known, and the visitors linked to it as a shop id.</summary>
public sealed record CarriedVisitor(string Id, bool IsKnownVisitor, IReadOnlyList<IdentityLink> Links);
