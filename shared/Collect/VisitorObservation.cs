using Pipeline.Events;
using Pipeline.Identity;

namespace Pipeline.Collect;

/// <summary>
/// Everything one body says about its visitor, read from the batch and the request: the platform ids, consent,
/// click ids with their capture times, hashed identities and linked visitor ids. Pure: no storage, no plaintext kept.
/// </summary>
public sealed record VisitorObservation
{
    /// <summary>More click ids in one body than any landing has; the rest are dropped (one storage transaction holds 100 rows).</summary>
    public const int MaxClicks = 24;

    public string? Fbp { get; init; }
    public string? Fbc { get; init; }
    public string? Ttp { get; init; }
    public string? GaClientId { get; init; }
    public string? GaSessionId { get; init; }

    /// <summary>Every well-formed platform cookie, by cookie name (body values over the request's).</summary>
    public IReadOnlyDictionary<string, string> Cookies { get; init; } = new Dictionary<string, string>();

    /// <summary>The latest consent the body reported, and when (server-checked time).</summary>
    public ConsentState? Consent { get; init; }
    public DateTimeOffset? ConsentAt { get; init; }

    public IReadOnlyList<ClickCapture> Clicks { get; init; } = [];

    /// <summary>Identity table keys, <c>(em|ph|xid, key)</c>, of the identifiers the body carried.</summary>
    public IReadOnlyList<(string Kind, string Key)> IdentityKeys { get; init; } = [];

    /// <summary>The hashed identifiers of the body's last identify item, for its events.</summary>
    public HashedUserData? UserData { get; init; }

    /// <summary>Visitor ids the shop supplied with the body's events (<c>shopify-client:…</c>, …).</summary>
    public IReadOnlyList<string> LinkedVisitorIds { get; init; } = [];

    public PageHit? LastPage { get; init; }
    public IReadOnlyList<BrowserEventHit> Events { get; init; } = [];

    /// <param name="defaultRegion">Reads phone numbers written without a country code when the visitor's country is unknown.</param>
    public static VisitorObservation From(HitBatch batch, HitContext context, string? defaultRegion)
    {
        var pages = batch.Items.OfType<PageHit>().Where(p => !p.Anonymous).ToList();
        var cookies = new Dictionary<string, string>(context.RequestCookies, StringComparer.Ordinal);
        foreach (var page in pages)
            foreach (var (name, value) in page.Cookies) cookies[name] = value;

        var clicks = ReadClicks(pages, cookies, context);
        var consent = batch.Items.OfType<ConsentHit>().LastOrDefault();
        var (keys, userData) = HashIdentities(batch.Items.OfType<IdentifyHit>(), context.Country ?? defaultRegion);
        var events = batch.Items.OfType<BrowserEventHit>().ToList();
        return new VisitorObservation
        {
            Fbp = cookies.GetValueOrDefault("_fbp"),
            // A click on this body's page is newer than a cookie the snippet may not have rewritten.
            Fbc = clicks.LastOrDefault(c => c.Fbc is not null)?.Fbc ?? cookies.GetValueOrDefault("_fbc"),
            Ttp = cookies.GetValueOrDefault("_ttp"),
            GaClientId = PlatformCookies.GaClientId(cookies.GetValueOrDefault("_ga")),
            GaSessionId = context.GaSessionId,
            Cookies = cookies,
            Consent = consent?.Consent,
            ConsentAt = consent is null ? null : context.ClientTime(consent.ClientTimeMs),
            Clicks = clicks,
            IdentityKeys = keys,
            UserData = userData,
            LinkedVisitorIds = events.SelectMany(e => Collect.LinkedVisitorIds.From(e.LinkIds)).Distinct(StringComparer.Ordinal).ToList(),
            LastPage = pages.LastOrDefault(),
            Events = events,
        };
    }

    private static List<ClickCapture> ReadClicks(List<PageHit> pages, Dictionary<string, string> cookies, HitContext context)
    {
        var clicks = new List<ClickCapture>();
        foreach (var page in pages)
        {
            foreach (var (param, clickId) in page.ClickIds.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (clicks.Count == MaxClicks) return clicks;
                if (clicks.Any(c => c.Param == param && c.ClickId == clickId)) continue;
                var pageFbc = page.Cookies.GetValueOrDefault("_fbc") ?? cookies.GetValueOrDefault("_fbc");
                // The platform cookie remembers the first capture of this very id: a reload or a second landing
                // with the same click keeps its time (and its row), as Meta keeps the fbc's creation time.
                var remembered = param switch
                {
                    "fbclid" => PlatformCookies.FbcCreatedMs(pageFbc, clickId),
                    "gclid" => PlatformCookies.GclidStoredMs(cookies.GetValueOrDefault("_gcl_aw"), clickId),
                    _ => null,
                };
                var capturedAt = remembered is { } ms && Plausible(ms, context)
                    ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                    : context.ClientTime(page.ClientTimeMs);
                clicks.Add(new ClickCapture
                {
                    Param = param,
                    ClickId = clickId,
                    CapturedAt = capturedAt,
                    LandingUrl = page.Url,
                    Fbc = param == "fbclid" ? ClickFbc(pageFbc, clickId, capturedAt, context) : null,
                });
            }
        }
        return clicks;
    }

    /// <summary>The page's <c>_fbc</c> when it was built for this fbclid, else Meta's server-side form (subdomain index 1).</summary>
    private static string? ClickFbc(string? pageFbc, string fbclid, DateTimeOffset capturedAt, HitContext context)
    {
        if (PlatformCookies.FbcCreatedMs(pageFbc, fbclid) is { } ms && Plausible(ms, context)) return pageFbc;
        var built = PlatformCookies.BuildFbc(capturedAt.ToUnixTimeMilliseconds(), fbclid);
        return BrowserIdentifiers.IsValidFbc(built) ? built : null;
    }

    // Cookies live at most 400 days; a time outside that, or ahead of us, was not written by a platform's tag.
    private static bool Plausible(long ms, HitContext context)
    {
        var now = context.Now.ToUnixTimeMilliseconds();
        return ms <= now + 300_000 && ms >= now - 400L * 86_400_000;
    }

    private static (List<(string, string)> Keys, HashedUserData? UserData) HashIdentities(IEnumerable<IdentifyHit> hits, string? region)
    {
        var keys = new List<(string, string)>();
        HashedUserData? last = null;
        foreach (var hit in hits)
        {
            var hashed = UserDataHasher.Hash(hit.User, region);
            Add(VisitorKeys.Email, Identity.IdentityKeys.EmailKey(hashed));
            Add(VisitorKeys.Phone, Identity.IdentityKeys.PhoneKey(hashed));
            Add(VisitorKeys.ExternalId, Identity.IdentityKeys.ExternalIdKey(hashed));
            if (hashed.Email is not null || hashed.Phone is not null || hashed.ExternalId is not null) last = hashed;
        }
        return (keys, last);

        void Add(string kind, string? key)
        {
            if (key is not null && !keys.Contains((kind, key))) keys.Add((kind, key));
        }
    }
}
