using System.Globalization;
using Pipeline.Configuration;

namespace Pipeline.Collect;

/// <summary>
/// What one hit must write for its visitor, decided from what it observed and the digests of what was last written
/// (<see cref="VisitorState"/>): nothing at all when nothing is new. Pure.
/// </summary>
public sealed record VisitorWrite
{
    public required string VisitorId { get; init; }

    /// <summary>Upsert (merge) the profile row; with the click rows it is one entity-group transaction.</summary>
    public bool Profile { get; init; }

    /// <summary>Write <c>FirstSeen</c>: the collector has no sign of having seen this visitor before.</summary>
    public bool FirstSeen { get; init; }

    /// <summary>Store the address (false keeps a stored IPv6 address over an IPv4 one).</summary>
    public string? Ip { get; init; }

    public bool IsBot { get; init; }

    public IReadOnlyList<ClickCapture> Clicks { get; init; } = [];
    public IReadOnlyList<(string Kind, string Key)> Identities { get; init; } = [];
    public IReadOnlyList<string> Links { get; init; } = [];

    /// <summary>The state cookie to set once the writes succeeded.</summary>
    public required VisitorState NewState { get; init; }

    public bool IsEmpty => !Profile && Clicks.Count == 0 && Identities.Count == 0 && Links.Count == 0;

    /// <param name="serverCookieHeldVisitor">The HttpOnly cookie named this visitor: the collector has seen it before.</param>
    public static VisitorWrite Plan(VisitorObservation seen, HitContext context, string visitorId, bool minted,
        bool serverCookieHeldVisitor, bool isBot, VisitorState? previous)
    {
        var vidTag = VisitorState.VisitorTagOf(visitorId);
        var same = previous is not null && previous.VisitorTag == vidTag && !minted;
        var pending = same && previous!.Pending;

        // A bare hit of a visitor with no row yet writes nothing, so a client minting ids cannot fill the table: the
        // row comes with the first hit that carries something to match on. (A lost state cookie with the HttpOnly
        // cookie still there means a row may exist: that visitor is written as before.)
        var rowMayExist = same ? !pending : serverCookieHeldVisitor && !minted;
        if (!isBot && !rowMayExist && IsBare(seen))
            return new VisitorWrite { VisitorId = visitorId, NewState = new VisitorState { VisitorTag = vidTag, Pending = true } };
        var stored = same ? previous!.Tags : new Dictionary<string, string>();
        var tags = new Dictionary<string, string>(stored, StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);

        // Platforms match IPv6 better; a dual-stack visitor's later IPv4 hit does not replace it.
        var keepV6 = same && previous!.IPv6Stored && context.Ip is not null && !ClientAddress.IsIPv6(context.Ip);
        var ip = keepV6 ? null : context.Ip;

        void Group(string group, bool present, params string?[] values)
        {
            if (!present) return;
            var tag = VisitorState.Tag(group, visitorId, values);
            if (!stored.TryGetValue(group, out var old) || old != tag) changed.Add(group);
            tags[group] = tag;
        }

        Group("fbp", !isBot && seen.Fbp is not null, seen.Fbp);
        Group("fbc", !isBot && seen.Fbc is not null, seen.Fbc);
        Group("ttp", !isBot && seen.Ttp is not null, seen.Ttp);
        Group("ga", !isBot && seen.GaClientId is not null, seen.GaClientId);
        Group("gas", !isBot && seen.GaSessionId is not null, seen.GaSessionId);
        Group("cs", !isBot && seen.Consent is not null, seen.Consent is null ? null : Json.Serialize(seen.Consent with { Time = null }));
        Group("net", true, ip, context.UserAgent, context.Country, isBot ? "bot" : "");
        Group("day", true, context.Now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Group("clk", !isBot && seen.Clicks.Count > 0, Sorted(seen.Clicks.Select(c => $"{c.Param}={c.ClickId}")));
        Group("idn", !isBot && seen.IdentityKeys.Count > 0, Sorted(seen.IdentityKeys.Select(k => $"{k.Kind}:{k.Key}")));
        Group("lnk", !isBot && seen.LinkedVisitorIds.Count > 0, Sorted(seen.LinkedVisitorIds));

        var clicks = changed.Contains("clk") ? seen.Clicks : [];
        var consentGranted = seen.Consent?.AdStorage switch
        {
            "granted" => true,
            "denied" => false,
            _ => same && previous!.ConsentGranted,
        };
        return new VisitorWrite
        {
            VisitorId = visitorId,
            Profile = minted || !same || clicks.Count > 0 || changed.Overlaps(["fbp", "fbc", "ttp", "ga", "gas", "cs", "net", "day"]),
            FirstSeen = minted || pending || (!same && !serverCookieHeldVisitor),
            Ip = ip,
            IsBot = isBot,
            Clicks = clicks,
            Identities = changed.Contains("idn") ? seen.IdentityKeys : [],
            Links = changed.Contains("lnk") ? seen.LinkedVisitorIds : [],
            NewState = new VisitorState
            {
                VisitorTag = vidTag,
                ConsentGranted = consentGranted,
                IPv6Stored = ClientAddress.IsIPv6(ip) || keepV6,
                Tags = tags,
            },
        };
    }

    /// <summary>Nothing a platform could match on: no click id, platform cookie, identity, linked id or consent.</summary>
    private static bool IsBare(VisitorObservation seen) =>
        seen.Clicks.Count == 0 && seen.IdentityKeys.Count == 0 && seen.LinkedVisitorIds.Count == 0 && seen.Consent is null
        && seen.Fbp is null && seen.Fbc is null && seen.Ttp is null && seen.GaClientId is null && seen.GaSessionId is null;

    private static string Sorted(IEnumerable<string> values) => string.Join('\n', values.Order(StringComparer.Ordinal));
}
