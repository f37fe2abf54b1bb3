using Pipeline.Match;
using Pipeline.Match.Graph;

namespace Pipeline.UnitTests.Match;

/// <summary>Builds <see cref="MatchEvidence"/> as the loader would from a seeded graph.</summary>
public sealed class GraphBuilder
{
    public static readonly DateTimeOffset Conversion = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, VisitorRecord> _visitors = new(StringComparer.Ordinal);
    private readonly List<CarriedVisitor> _carried = [];
    private readonly List<VisitorClick> _landings = [];
    private readonly List<IdentityLink> _links = [];

    public GraphBuilder Visitor(string id, VisitorProfile? profile = null, params VisitorClick[] clicks)
    {
        _visitors[id] = new VisitorRecord(id, profile ?? new VisitorProfile { LastSeen = Conversion.AddDays(-1) }, clicks);
        return this;
    }

    public GraphBuilder Carried(string id, params string[] linkedVisitors)
    {
        _carried.Add(new CarriedVisitor(id, _visitors.TryGetValue(id, out var r) && r.IsKnown,
            linkedVisitors.Select(v => new IdentityLink("link:" + id, v, Conversion.AddDays(-1))).ToList()));
        return this;
    }

    public GraphBuilder Landing(string param, string clickId, string visitor, TimeSpan before)
    {
        _landings.Add(new VisitorClick(param, clickId, Conversion - before, visitor));
        return this;
    }

    public GraphBuilder Linked(string key, string visitor, TimeSpan before)
    {
        _links.Add(new IdentityLink(key, visitor, Conversion - before));
        return this;
    }

    public MatchEvidence Build() => new() { Carried = _carried, ClickLandings = _landings, IdentityLinks = _links, Visitors = _visitors };

    public static VisitorClick Click(string param, string id, string visitor, TimeSpan before, string? fbc = null) =>
        new(param, id, Conversion - before, visitor, fbc);
}
