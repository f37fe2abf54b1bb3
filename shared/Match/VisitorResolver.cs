using Pipeline.Events;
using Pipeline.Match.Graph;

namespace Pipeline.Match;

/// <summary>
/// Joins an event to its visitors, strongest evidence first: (1) visitor ids the event carries, (2) the visitor who
/// landed with a click id the event carries, (3) every visitor linked to its hashed e-mail, phone, external id or
/// customer id. The strongest rule that finds someone is the anchor; weaker evidence adds visitors only when it
/// agrees with the anchor, so one visitor's click never reaches another person's conversion.
/// </summary>
public static class VisitorResolver
{
    public static VisitorResolution Resolve(CanonicalEvent evt, MatchEvidence evidence)
    {
        var notes = new List<string>();

        bool Usable(string id)
        {
            if (evidence.Visitors.TryGetValue(id, out var r) && r.Profile?.IsBot == true)
            {
                notes.Add($"visitor {id} is flagged as a bot; ignored");
                return false;
            }
            return true;
        }

        // Rule 1: the event's own visitor ids, directly or through a shop id the collector linked.
        var carriedVisitors = new List<string>();
        foreach (var c in evidence.Carried)
        {
            var found = false;
            if (c.IsKnownVisitor) { carriedVisitors.Add(c.Id); found = true; }
            foreach (var link in c.Links) { carriedVisitors.Add(link.VisitorId); found = true; }
            if (!found) notes.Add($"carried visitor id {c.Id} is not in the visitor graph");
        }
        carriedVisitors = carriedVisitors.Distinct(StringComparer.Ordinal).Where(Usable).ToList();
        var carriedUnknown = evidence.Carried.Count > 0 && evidence.Carried.All(c => !c.IsKnownVisitor && c.Links.Count == 0);

        // Rule 2: who landed with each carried click; the first to land is the clicker when a link was shared.
        var clickVisitors = new List<string>();
        foreach (var group in evidence.ClickLandings.GroupBy(l => (l.Param, l.ClickId)))
        {
            var landers = group.OrderBy(l => l.CapturedAt).Select(l => l.VisitorId).Distinct(StringComparer.Ordinal).ToList();
            if (landers.Count > 1)
                notes.Add($"{group.Key.Param} was landed by {landers.Count} visitors (a shared link); the first to land is taken as the clicker");
            clickVisitors.Add(landers[0]);
        }
        foreach (var (param, _) in evt.ClickIds ?? new Dictionary<string, string>())
        {
            if (Clicks.ClickFamilies.Of(param) is not null && !evidence.ClickLandings.Any(l => l.Param == param))
                notes.Add($"carried {param} is not in the click index");
        }
        clickVisitors = clickVisitors.Distinct(StringComparer.Ordinal).Where(Usable).ToList();

        // Rule 3: everyone linked to the event's identifiers.
        var identityVisitors = evidence.IdentityLinks.Select(l => l.VisitorId).Distinct(StringComparer.Ordinal).Where(Usable).ToList();

        string rule;
        List<string> anchor;
        if (carriedVisitors.Count > 0) (rule, anchor) = (MatchRules.VisitorId, carriedVisitors);
        else if (clickVisitors.Count > 0) (rule, anchor) = (MatchRules.ClickId, clickVisitors);
        else if (identityVisitors.Count > 0) (rule, anchor) = (MatchRules.Identity, identityVisitors);
        else
        {
            return new VisitorResolution { Rule = MatchRules.None, CarriedVisitorUnknown = carriedUnknown, Notes = notes.Distinct().ToList() };
        }

        var accepted = new List<string>(anchor);
        var anchorName = rule == MatchRules.VisitorId ? "the carried visitor" : "the visitor who landed with the event's click";
        var identityAgrees = false;
        if (rule != MatchRules.Identity && identityVisitors.Count > 0)
        {
            identityAgrees = identityVisitors.Any(anchor.Contains);
            if (identityAgrees)
            {
                var others = identityVisitors.Where(v => !accepted.Contains(v)).ToList();
                accepted.AddRange(others);
                if (others.Count > 0) notes.Add($"cross-device: {others.Count} more visitor(s) of the same person via hashed identifiers");
            }
            else
            {
                notes.Add($"identity conflict: the event's identifiers link to {string.Join(", ", identityVisitors)}, not to {anchorName} {anchor[0]}; "
                          + "preferring " + anchorName + ", their clicks are not attached");
            }
        }
        if (rule == MatchRules.VisitorId)
        {
            foreach (var lander in clickVisitors.Where(v => !accepted.Contains(v)))
                notes.Add($"conflict: a carried click was landed by visitor {lander}, not by the carried visitor; {lander} is not attached");
        }

        var primary = rule == MatchRules.Identity ? MostRecentBefore(identityVisitors, evidence, evt.EventTime) : anchor[0];
        if (rule == MatchRules.Identity)
        {
            accepted.Remove(primary);
            accepted.Insert(0, primary);
        }
        return new VisitorResolution
        {
            Rule = rule,
            Primary = primary,
            Accepted = accepted,
            CarriedVisitorUnknown = carriedUnknown,
            Notes = notes.Distinct().ToList(),
        };
    }

    // Found only by identity: the device seen last at or before the conversion is most likely the one it happened on.
    private static string MostRecentBefore(IReadOnlyList<string> visitors, MatchEvidence evidence, long eventTime)
    {
        var conversion = DateTimeOffset.FromUnixTimeSeconds(eventTime).AddSeconds(1);
        VisitorProfile? Profile(string v) => evidence.Visitors.TryGetValue(v, out var r) ? r.Profile : null;
        var before = visitors.Where(v => Profile(v)?.LastSeen is { } seen && seen < conversion)
            .OrderByDescending(v => Profile(v)!.LastSeen).FirstOrDefault();
        return before ?? visitors.OrderByDescending(v => Profile(v)?.LastSeen ?? DateTimeOffset.MinValue).First();
    }
}
