using Pipeline.Events;
using Pipeline.Identity;
using Pipeline.Match.Clicks;
using Pipeline.Match.Graph;

namespace Pipeline.Match;

/// <summary>Reads the visitor graph for one event: carried visitor ids, carried click ids, hashed identifiers.</summary>
public sealed class MatchEvidenceLoader(VisitorGraphReader reader, MatchOptions options)
{
    public async Task<MatchEvidence> LoadAsync(CanonicalEvent evt, CancellationToken ct)
    {
        var visitors = new Dictionary<string, VisitorRecord>(StringComparer.Ordinal);
        var carried = new List<CarriedVisitor>();
        var identityLinks = new List<IdentityLink>();

        foreach (var id in (evt.VisitorIds ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal).Take(CarriedIds.MaxCarried))
        {
            var links = Cap(await reader.FindLinkedAsync(IdentityKinds.Link, id, ct));
            if (CarriedIds.IsCustomer(id))
            {
                identityLinks.AddRange(links);
                continue;
            }
            var record = await reader.GetVisitorAsync(id, ct);
            if (record.IsKnown) visitors[id] = record;
            carried.Add(new CarriedVisitor(id, record.IsKnown, links));
        }

        var landings = new List<VisitorClick>();
        foreach (var (param, clickId) in evt.ClickIds ?? new Dictionary<string, string>())
        {
            if (ClickFamilies.Of(param) is null || string.IsNullOrEmpty(clickId)) continue;
            landings.AddRange(await reader.FindClickAsync(param, clickId, ct));
        }

        if (evt.UserData is { } data)
        {
            foreach (var (kind, key) in new[]
                     {
                         (IdentityKinds.Email, IdentityKeys.EmailKey(data)),
                         (IdentityKinds.Phone, IdentityKeys.PhoneKey(data)),
                         (IdentityKinds.ExternalId, IdentityKeys.ExternalIdKey(data)),
                     })
            {
                if (key is not null) identityLinks.AddRange(Cap(await reader.FindLinkedAsync(kind, key, ct)));
            }
        }

        // Everyone the lookups named, strongest evidence first, read up to the cap.
        var named = carried.SelectMany(c => c.Links.Select(l => l.VisitorId))
            .Concat(landings.OrderBy(l => l.CapturedAt).Select(l => l.VisitorId))
            .Concat(identityLinks.Select(l => l.VisitorId))
            .Distinct(StringComparer.Ordinal);
        foreach (var id in named)
        {
            if (visitors.Count >= options.MaxVisitors) break;
            if (!visitors.ContainsKey(id)) visitors[id] = await reader.GetVisitorAsync(id, ct);
        }

        return new MatchEvidence { Carried = carried, ClickLandings = landings, IdentityLinks = identityLinks, Visitors = visitors };
    }

    private IReadOnlyList<IdentityLink> Cap(IReadOnlyList<IdentityLink> links) =>
        links.Count <= options.MaxVisitorsPerIdentity ? links : links.Take(options.MaxVisitorsPerIdentity).ToList();
}
