using Pipeline.Events;
using Pipeline.Identity;
using Pipeline.Match.Clicks;
using Pipeline.Match.Graph;

namespace Pipeline.Match;

/// <summary>
/// Adds what the visitor graph knows to an event: the best click per platform within its window, the primary
/// visitor's cookies, IP and user agent when the event has none of the buyer's own, the visitor ids and a stable
/// external id. What the event carried itself is kept, except a carried click the graph shows to be outside its window.
/// </summary>
public static class EventEnricher
{
    public const string Fbc = "fbc";
    public const string Fbp = "fbp";
    public const string Ttp = "ttp";
    public const string GaClientId = "ga_client_id";
    public const string GaSessionId = "ga_session_id";

    /// <param name="windows">Click family → window in days, as the destinations receiving this copy see it.</param>
    public static EnrichedEvent Enrich(
        CanonicalEvent evt, VisitorResolution resolution, MatchEvidence evidence, IReadOnlyDictionary<string, int> windows, MatchOptions options)
    {
        var notes = new List<string>();
        var clickIds = new Dictionary<string, string>(evt.ClickIds ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var browserIds = new Dictionary<string, string>(evt.BrowserIds ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var chosen = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var conversion = DateTimeOffset.FromUnixTimeSeconds(evt.EventTime);
        VisitorProfile? primary = resolution.Primary is { } p && evidence.Visitors.TryGetValue(p, out var pr) ? pr.Profile : null;

        // A visitor who denied ads consent withdrew every click captured before the denial (the collector erases
        // them; this holds should one have been written at the same moment).
        var graphClicks = resolution.Accepted
            .SelectMany(v => evidence.Visitors.TryGetValue(v, out var r) ? r.Clicks.Where(c => !Withdrawn(r.Profile, c.CapturedAt)) : [])
            .Select(c => new VisitorClickCandidate(c))
            .ToList();

        foreach (var family in ClickFamilies.All)
        {
            var days = windows.TryGetValue(family, out var d) ? d : ClickWindows.Defaults.GetValueOrDefault(family, 30);
            if (KeepCarried(family, evt, evidence, days, clickIds, browserIds, notes, out var carriedParam))
            {
                chosen[family] = carriedParam!;
                continue;
            }

            var selection = ClickSelector.Select(family, graphClicks, evt.EventTime, days);
            foreach (var rejected in selection.Rejected)
                notes.Add($"{family}: {rejected.Candidate.Click.Param} of visitor {rejected.Candidate.Click.VisitorId} not attached: {rejected.Reason}");
            if (selection.Chosen?.Click is not { } click) continue;

            clickIds[click.Param] = click.ClickId;
            chosen[family] = click.Param;
            notes.Add($"{family}: {click.Param} of visitor {click.VisitorId}, {Age(conversion - click.CapturedAt)} before the conversion");
            if (family == ClickFamilies.Meta && !browserIds.ContainsKey(Fbc))
                browserIds[Fbc] = click.Fbc ?? MetaClickCookie.Build(click.ClickId, click.CapturedAt);
        }

        if (primary is not null)
        {
            AddCookie(browserIds, Fbp, primary.Fbp);
            AddCookie(browserIds, Ttp, primary.Ttp);
            AddCookie(browserIds, GaClientId, primary.GaClientId);
            if (primary.GaSessionId is not null && primary.LastSeen is { } seen
                && seen >= conversion.AddMinutes(-options.GaSessionTimeoutMinutes) && seen < conversion.AddMinutes(options.GaSessionTimeoutMinutes))
                AddCookie(browserIds, GaSessionId, primary.GaSessionId);
            if (!browserIds.ContainsKey(Fbc) && primary.Fbc is { } fbc && !chosen.ContainsKey(ClickFamilies.Meta))
            {
                var created = MetaClickCookie.CreatedAt(fbc);
                var days = windows.TryGetValue(ClickFamilies.Meta, out var d) ? d : 7;
                if (created is { } made && Withdrawn(primary, made))
                {
                    notes.Add($"meta: fbc cookie of visitor {resolution.Primary} not attached: created before the visitor denied ads consent");
                }
                else if (created is { } at && at < conversion.AddSeconds(1) && at >= conversion.AddDays(-days))
                {
                    browserIds[Fbc] = fbc;
                    chosen[ClickFamilies.Meta] = Fbc;
                    notes.Add($"meta: fbc cookie of visitor {resolution.Primary}, {Age(conversion - at)} before the conversion");
                }
                else
                {
                    notes.Add($"meta: fbc cookie of visitor {resolution.Primary} not attached: outside the {days}-day click window or unreadable");
                }
            }
        }

        var ip = evt.ClientIpAddress;
        var ua = evt.ClientUserAgent;
        if (string.IsNullOrWhiteSpace(ip) && string.IsNullOrWhiteSpace(ua) && primary is not null && (primary.Ip ?? primary.UserAgent) is not null)
        {
            (ip, ua) = (primary.Ip, primary.UserAgent);
            notes.Add($"IP and user agent of visitor {resolution.Primary} (the event had none of the buyer's own)");
        }

        var userData = evt.UserData;
        if (userData?.ExternalId is null && resolution.Primary is { } visitor)
        {
            userData = (userData ?? new HashedUserData()) with { ExternalId = ExternalIds.Variants(visitor) };
            notes.Add("external_id derived from the primary visitor id");
        }

        var visitorIds = (resolution.Primary is null ? [] : new[] { resolution.Primary })
            .Concat(resolution.Accepted)
            .Concat(evt.VisitorIds ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var enriched = evt with
        {
            ClickIds = clickIds.Count > 0 ? clickIds : null,
            BrowserIds = browserIds.Count > 0 ? browserIds : null,
            ClientIpAddress = ip,
            ClientUserAgent = ua,
            UserData = userData,
            VisitorIds = visitorIds.Count > 0 ? visitorIds : null,
        };
        return new EnrichedEvent(enriched, chosen, notes);
    }

    /// <summary>
    /// A family the event itself brought evidence for is not topped up from the graph. A carried click the graph
    /// dates outside its window is dropped (and the family then falls to the graph).
    /// </summary>
    private static bool KeepCarried(
        string family, CanonicalEvent evt, MatchEvidence evidence, int days,
        Dictionary<string, string> clickIds, Dictionary<string, string> browserIds, List<string> notes, out string? param)
    {
        param = null;
        foreach (var name in ClickFamilies.Params[family])
        {
            if (!clickIds.TryGetValue(name, out var value) || string.IsNullOrEmpty(value)) continue;
            var landing = evidence.ClickLandings.Where(l => l.Param == name && l.ClickId == value).MinBy(l => l.CapturedAt);
            if (landing is not null)
            {
                var check = ClickSelector.Select(family, [new VisitorClickCandidate(landing, Carried: true)], evt.EventTime, days);
                if (check.Chosen is null)
                {
                    clickIds.Remove(name);
                    notes.Add($"{family}: carried {name} removed: {check.Rejected[0].Reason}");
                    continue;
                }
            }
            param ??= name;
            if (family == ClickFamilies.Meta && !browserIds.ContainsKey(Fbc))
                browserIds[Fbc] = MetaClickCookie.Build(value, landing?.CapturedAt ?? DateTimeOffset.FromUnixTimeSeconds(evt.EventTime));
        }
        if (param is not null) notes.Add($"{family}: {param} carried by the event");
        else if (family == ClickFamilies.Meta && browserIds.ContainsKey(Fbc))
        {
            param = Fbc;
            notes.Add("meta: fbc carried by the event");
        }
        return param is not null;
    }

    private static bool Withdrawn(VisitorProfile? visitor, DateTimeOffset capturedAt) =>
        visitor?.AdsWithdrawnAt is { } withdrawn && capturedAt <= withdrawn;

    private static void AddCookie(Dictionary<string, string> ids, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) ids.TryAdd(name, value);
    }

    private static string Age(TimeSpan age) =>
        age.TotalDays >= 1 ? FormattableString.Invariant($"{age.TotalDays:0.#} d")
        : age.TotalHours >= 1 ? FormattableString.Invariant($"{age.TotalHours:0.#} h")
        : FormattableString.Invariant($"{Math.Max(0, age.TotalMinutes):0} min");
}

/// <summary>An enriched event, the click parameter attached per family, and notes for the match record.</summary>
public sealed record EnrichedEvent(CanonicalEvent Event, IReadOnlyDictionary<string, string> Clicks, IReadOnlyList<string> Notes);
