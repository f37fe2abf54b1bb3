using Pipeline.Events;
using Pipeline.Identity;
using Pipeline.Match;
using Pipeline.Match.Clicks;
using Pipeline.Match.Graph;

namespace Pipeline.UnitTests.Match;

public sealed class EventEnricherTests
{
    private static readonly DateTimeOffset Conversion = GraphBuilder.Conversion;
    private static readonly IReadOnlyDictionary<string, int> Windows = new ClickWindows().For(new Pipeline.Configuration.DestinationOptions { Type = "outbox" });

    private static CanonicalEvent Event(Dictionary<string, string>? clicks = null, string? ip = null) => new()
    {
        EventName = "Purchase",
        EventId = "purchase_1",
        EventTime = Conversion.ToUnixTimeSeconds(),
        VisitorIds = ["vA"],
        ClickIds = clicks,
        ClientIpAddress = ip,
    };

    private static EnrichedEvent Enrich(CanonicalEvent evt, MatchEvidence evidence) =>
        EventEnricher.Enrich(evt, VisitorResolver.Resolve(evt, evidence), evidence, Windows, new MatchOptions());

    private static VisitorProfile Profile => new()
    {
        LastSeen = Conversion.AddMinutes(-2),
        Fbp = "fb.1.1700000000000.123",
        Ttp = "ttp-cookie",
        GaClientId = "111.222",
        GaSessionId = "333",
        Ip = "198.51.100.4",
        UserAgent = "Mozilla/5.0 (visitor)",
    };

    [Fact]
    public void Attaches_the_best_click_per_platform_and_the_visitors_cookies()
    {
        var evidence = new GraphBuilder().Visitor("vA", Profile,
            GraphBuilder.Click("fbclid", "F-old", "vA", TimeSpan.FromDays(3)),
            GraphBuilder.Click("fbclid", "F-new", "vA", TimeSpan.FromDays(1), fbc: "fb.1.1779000000000.F-new"),
            GraphBuilder.Click("gclid", "G", "vA", TimeSpan.FromDays(20)),
            GraphBuilder.Click("ttclid", "T-late", "vA", TimeSpan.FromMinutes(-10))).Carried("vA").Build();

        var result = Enrich(Event(), evidence);
        var e = result.Event;

        Assert.Equal("F-new", e.ClickIds!["fbclid"]);
        Assert.Equal("G", e.ClickIds["gclid"]);
        Assert.False(e.ClickIds.ContainsKey("ttclid"));
        Assert.Equal("fb.1.1779000000000.F-new", e.BrowserIds!["fbc"]);
        Assert.Equal("fb.1.1700000000000.123", e.BrowserIds["fbp"]);
        Assert.Equal("ttp-cookie", e.BrowserIds["ttp"]);
        Assert.Equal("111.222", e.BrowserIds["ga_client_id"]);
        Assert.Equal("333", e.BrowserIds["ga_session_id"]);
        Assert.Equal(new Dictionary<string, string> { ["google_ads"] = "gclid", ["meta"] = "fbclid" }, result.Clicks);
        Assert.Contains(result.Notes, n => n.Contains("ttclid") && n.Contains("captured after the conversion"));
    }

    [Fact]
    public void An_fbclid_without_a_recorded_fbc_gets_one_built_from_its_landing_time()
    {
        var landed = Conversion.AddHours(-5);
        var evidence = new GraphBuilder().Visitor("vA", Profile, new VisitorClick("fbclid", "AbC", landed, "vA")).Carried("vA").Build();

        var e = Enrich(Event(), evidence).Event;

        Assert.Equal($"fb.1.{landed.ToUnixTimeMilliseconds()}.AbC", e.BrowserIds!["fbc"]);
    }

    [Fact]
    public void An_fbc_cookie_from_an_expired_click_is_not_attached()
    {
        var old = Profile with { Fbc = $"fb.1.{Conversion.AddDays(-10).ToUnixTimeMilliseconds()}.OLD" };
        var evidence = new GraphBuilder().Visitor("vA", old).Carried("vA").Build();

        var result = Enrich(Event(), evidence);

        Assert.False(result.Event.BrowserIds!.ContainsKey("fbc"));
        Assert.Contains(result.Notes, n => n.Contains("fbc cookie") && n.Contains("not attached"));
    }

    [Fact]
    public void A_carried_click_the_graph_dates_outside_its_window_is_removed()
    {
        var evidence = new GraphBuilder().Visitor("vA", Profile).Carried("vA")
            .Landing("gclid", "OLD", "vA", TimeSpan.FromDays(45)).Build();

        var result = Enrich(Event(new() { ["gclid"] = "OLD" }), evidence);

        Assert.Null(result.Event.ClickIds);
        Assert.Contains(result.Notes, n => n.Contains("carried gclid removed"));
    }

    [Fact]
    public void A_carried_click_is_kept_and_not_topped_up_from_the_graph()
    {
        var evidence = new GraphBuilder().Visitor("vA", Profile, GraphBuilder.Click("wbraid", "W", "vA", TimeSpan.FromHours(1))).Carried("vA").Build();

        var e = Enrich(Event(new() { ["gclid"] = "CARRIED" }), evidence).Event;

        Assert.Equal("CARRIED", e.ClickIds!["gclid"]);
        Assert.False(e.ClickIds.ContainsKey("wbraid"));
    }

    [Fact]
    public void The_visitors_ip_and_user_agent_fill_in_only_when_the_event_has_none()
    {
        var evidence = new GraphBuilder().Visitor("vA", Profile).Carried("vA").Build();

        var without = Enrich(Event(), evidence).Event;
        var with = Enrich(Event(ip: "203.0.113.9"), evidence).Event;

        Assert.Equal("198.51.100.4", without.ClientIpAddress);
        Assert.Equal("Mozilla/5.0 (visitor)", without.ClientUserAgent);
        Assert.Equal("203.0.113.9", with.ClientIpAddress);
        Assert.Null(with.ClientUserAgent);
    }

    [Fact]
    public void The_ga_session_id_is_attached_only_when_the_visitor_was_seen_within_the_session_timeout()
    {
        var evidence = new GraphBuilder().Visitor("vA", Profile with { LastSeen = Conversion.AddHours(-3) }).Carried("vA").Build();

        var e = Enrich(Event(), evidence).Event;

        Assert.False(e.BrowserIds!.ContainsKey("ga_session_id"));
        Assert.Equal("111.222", e.BrowserIds["ga_client_id"]);
    }

    [Fact]
    public void The_external_id_is_the_sha256_of_the_lowercased_primary_visitor_id_on_every_platform()
    {
        var evidence = new GraphBuilder().Visitor("VisitorA").Carried("VisitorA").Build();
        var evt = Event() with { VisitorIds = ["VisitorA"] };

        var e = Enrich(evt, evidence).Event;

        var expected = UserDataHasher.Sha256Hex("visitora");
        Assert.Equal(expected, e.UserData!.ExternalId!.For(HashRules.Meta));
        Assert.Equal(expected, e.UserData.ExternalId.For(HashRules.TikTok));
        Assert.Equal(expected, e.UserData.ExternalId.For(HashRules.Google));
    }

    [Fact]
    public void The_events_own_external_id_is_kept()
    {
        var own = new HashVariants { [HashRules.Meta] = new string('a', 64) };
        var evidence = new GraphBuilder().Visitor("vA").Carried("vA").Build();

        var e = Enrich(Event() with { UserData = new HashedUserData { ExternalId = own } }, evidence).Event;

        Assert.Same(own, e.UserData!.ExternalId);
    }

    [Fact]
    public void An_event_without_any_visitor_keeps_its_hashed_identifiers_and_gets_nothing_added()
    {
        var data = new HashedUserData { Email = new HashVariants { [HashRules.Meta] = new string('b', 64) } };
        var evt = Event() with { VisitorIds = null, UserData = data };

        var result = Enrich(evt, MatchEvidence.Empty);

        Assert.Same(data, result.Event.UserData);
        Assert.Null(result.Event.ClickIds);
        Assert.Null(result.Event.BrowserIds);
        Assert.Null(result.Event.VisitorIds);
    }

    [Fact]
    public void Clicks_of_a_cross_device_visitor_are_attached_but_cookies_come_from_the_primary_visitor()
    {
        var evidence = new GraphBuilder()
            .Visitor("laptop", Profile)
            .Visitor("phone", Profile with { Fbp = "fb.1.1.phone", Ttp = "phone-ttp" }, GraphBuilder.Click("ttclid", "T", "phone", TimeSpan.FromDays(6)))
            .Carried("laptop")
            .Linked("em:h", "laptop", TimeSpan.FromHours(1)).Linked("em:h", "phone", TimeSpan.FromDays(6)).Build();

        var e = Enrich(Event() with { VisitorIds = ["laptop"] }, evidence).Event;

        Assert.Equal("T", e.ClickIds!["ttclid"]);
        Assert.Equal("ttp-cookie", e.BrowserIds!["ttp"]);
        Assert.Equal(["laptop", "phone"], e.VisitorIds);
    }
}
