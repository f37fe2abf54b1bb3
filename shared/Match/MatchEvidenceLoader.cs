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

        // The lookups are independent point queries: issue them together, so matching waits for one round trip, not
        // for one per lookup. Only lookups that can find something are made (CarriedIds).
        var carriedIds = (evt.VisitorIds ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal).Take(CarriedIds.MaxCarried).ToList();
        var carriedLookups = carriedIds.Select(id => (
            Id: id,
            Links: CarriedIds.CanBeLinked(id) ? reader.FindLinkedAsync(IdentityKinds.Link, id, ct) : NoLinks,
            Record: !CarriedIds.IsCustomer(id) && CarriedIds.CanBeVisitor(id) ? reader.GetVisitorAsync(id, ct) : null)).ToList();
        var clickLookups = (evt.ClickIds ?? new Dictionary<string, string>())
            .Where(c => ClickFamilies.Of(c.Key) is not null && !string.IsNullOrEmpty(c.Value))
            .Select(c => reader.FindClickAsync(c.Key, c.Value, ct)).ToList();
        var identityLookups = new List<Task<IReadOnlyList<IdentityLink>>>();
        if (evt.UserData is { } data)
        {
            foreach (var (kind, key) in new[]
                     {
                         (IdentityKinds.Email, IdentityKeys.EmailKey(data)),
                         (IdentityKinds.Phone, IdentityKeys.PhoneKey(data)),
                         (IdentityKinds.ExternalId, IdentityKeys.ExternalIdKey(data)),
                     })
            {
                if (key is not null) identityLookups.Add(reader.FindLinkedAsync(kind, key, ct));
            }
        }
        await Task.WhenAll(carriedLookups.SelectMany(c => c.Record is null ? new Task[] { c.Links } : [c.Links, c.Record])
            .Concat(clickLookups).Concat(identityLookups));

        foreach (var (id, linksTask, recordTask) in carriedLookups)
        {
            var links = Cap(linksTask.Result);
            if (CarriedIds.IsCustomer(id))
            {
                identityLinks.AddRange(links);
                continue;
            }
            var record = recordTask?.Result;
            if (record is { IsKnown: true }) visitors[id] = record;
            carried.Add(new CarriedVisitor(id, record?.IsKnown ?? false, links));
        }
        var landings = clickLookups.SelectMany(l => l.Result).ToList();
        foreach (var lookup in identityLookups) identityLinks.AddRange(Cap(lookup.Result));

        // Everyone the lookups named, strongest evidence first, read up to the cap.
        var named = carried.SelectMany(c => c.Links.Select(l => l.VisitorId))
            .Concat(landings.OrderBy(l => l.CapturedAt).Select(l => l.VisitorId))
            .Concat(identityLinks.Select(l => l.VisitorId))
            .Distinct(StringComparer.Ordinal);
        var toRead = named.Where(id => !visitors.ContainsKey(id)).Take(Math.Max(0, options.MaxVisitors - visitors.Count)).ToList();
        var records = await Task.WhenAll(toRead.Select(id => reader.GetVisitorAsync(id, ct)));
        foreach (var record in records) visitors[record.VisitorId] = record;

        return new MatchEvidence { Carried = carried, ClickLandings = landings, IdentityLinks = identityLinks, Visitors = visitors };
    }

    private static readonly Task<IReadOnlyList<IdentityLink>> NoLinks = Task.FromResult<IReadOnlyList<IdentityLink>>([]);

    private IReadOnlyList<IdentityLink> Cap(IReadOnlyList<IdentityLink> links) =>
        links.Count <= options.MaxVisitorsPerIdentity ? links : links.Take(options.MaxVisitorsPerIdentity).ToList();
}
