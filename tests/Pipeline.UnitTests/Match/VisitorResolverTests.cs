using Pipeline.Events;
using Pipeline.Match;
using Pipeline.Match.Graph;

namespace Pipeline.UnitTests.Match;

public sealed class VisitorResolverTests
{
    private static CanonicalEvent Event(string[]? visitors = null, Dictionary<string, string>? clicks = null) => new()
    {
        EventName = "Purchase",
        EventId = "purchase_1",
        EventTime = GraphBuilder.Conversion.ToUnixTimeSeconds(),
        VisitorIds = visitors,
        ClickIds = clicks,
    };

    [Fact]
    public void A_carried_visitor_id_matches_by_rule_1()
    {
        var evidence = new GraphBuilder().Visitor("vA").Carried("vA").Build();

        var r = VisitorResolver.Resolve(Event(["vA"]), evidence);

        Assert.Equal(MatchRules.VisitorId, r.Rule);
        Assert.Equal("vA", r.Primary);
        Assert.Equal(["vA"], r.Accepted);
    }

    [Fact]
    public void A_shop_checkout_token_reaches_the_visitor_linked_to_it()
    {
        var evidence = new GraphBuilder().Visitor("vA").Carried("shopify-checkout:tok", "vA").Build();

        var r = VisitorResolver.Resolve(Event(["shopify-checkout:tok"]), evidence);

        Assert.Equal(MatchRules.VisitorId, r.Rule);
        Assert.Equal("vA", r.Primary);
    }

    [Fact]
    public void A_carried_click_finds_the_visitor_who_landed_with_it()
    {
        var evidence = new GraphBuilder().Visitor("vC").Landing("gclid", "G1", "vC", TimeSpan.FromDays(2)).Build();

        var r = VisitorResolver.Resolve(Event(clicks: new() { ["gclid"] = "G1" }), evidence);

        Assert.Equal(MatchRules.ClickId, r.Rule);
        Assert.Equal("vC", r.Primary);
    }

    [Fact]
    public void A_shared_click_link_takes_the_first_visitor_to_land()
    {
        var evidence = new GraphBuilder().Visitor("first").Visitor("second")
            .Landing("gclid", "G1", "second", TimeSpan.FromDays(1))
            .Landing("gclid", "G1", "first", TimeSpan.FromDays(2)).Build();

        var r = VisitorResolver.Resolve(Event(clicks: new() { ["gclid"] = "G1" }), evidence);

        Assert.Equal("first", r.Primary);
        Assert.Contains(r.Notes, n => n.Contains("shared link"));
    }

    [Fact]
    public void Identity_alone_finds_every_linked_visitor_and_takes_the_last_seen_before_the_conversion_as_primary()
    {
        var evidence = new GraphBuilder()
            .Visitor("phone", new VisitorProfile { LastSeen = GraphBuilder.Conversion.AddDays(-6) })
            .Visitor("laptop", new VisitorProfile { LastSeen = GraphBuilder.Conversion.AddMinutes(-3) })
            .Visitor("tablet", new VisitorProfile { LastSeen = GraphBuilder.Conversion.AddHours(5) })
            .Linked("em:h", "phone", TimeSpan.FromDays(6)).Linked("em:h", "laptop", TimeSpan.FromDays(9)).Linked("em:h", "tablet", TimeSpan.FromDays(1))
            .Build();

        var r = VisitorResolver.Resolve(Event(), evidence);

        Assert.Equal(MatchRules.Identity, r.Rule);
        Assert.Equal("laptop", r.Primary);
        Assert.Equal(3, r.Accepted.Count);
    }

    [Fact]
    public void Cross_device_visitors_join_when_the_carried_visitor_is_linked_to_the_same_identity()
    {
        var evidence = new GraphBuilder().Visitor("laptop").Visitor("phone").Carried("laptop")
            .Linked("em:h", "laptop", TimeSpan.FromHours(1)).Linked("em:h", "phone", TimeSpan.FromDays(7)).Build();

        var r = VisitorResolver.Resolve(Event(["laptop"]), evidence);

        Assert.Equal(MatchRules.VisitorId, r.Rule);
        Assert.Equal(["laptop", "phone"], r.Accepted);
    }

    [Fact]
    public void Conflicting_identities_prefer_the_carried_visitor_and_say_so()
    {
        var evidence = new GraphBuilder().Visitor("mine").Visitor("someone-else").Carried("mine")
            .Linked("em:h", "someone-else", TimeSpan.FromDays(1)).Build();

        var r = VisitorResolver.Resolve(Event(["mine"]), evidence);

        Assert.Equal(["mine"], r.Accepted);
        Assert.Contains(r.Notes, n => n.StartsWith("identity conflict") && n.Contains("someone-else"));
    }

    [Fact]
    public void A_carried_click_landed_by_another_visitor_is_not_attached_when_a_visitor_id_is_carried()
    {
        var evidence = new GraphBuilder().Visitor("mine").Visitor("other").Carried("mine")
            .Landing("fbclid", "F", "other", TimeSpan.FromDays(1)).Build();

        var r = VisitorResolver.Resolve(Event(["mine"], new() { ["fbclid"] = "F" }), evidence);

        Assert.Equal(["mine"], r.Accepted);
        Assert.Contains(r.Notes, n => n.StartsWith("conflict: a carried click") && n.Contains("other"));
    }

    [Fact]
    public void A_customer_id_link_is_identity_evidence()
    {
        var evidence = new GraphBuilder().Visitor("v").Linked("link:shopify-customer:shop:7", "v", TimeSpan.FromDays(2)).Build();

        var r = VisitorResolver.Resolve(Event(["shopify-customer:shop:7"]), evidence);

        Assert.Equal(MatchRules.Identity, r.Rule);
    }

    [Fact]
    public void Bots_are_ignored()
    {
        var evidence = new GraphBuilder().Visitor("bot", new VisitorProfile { IsBot = true }).Carried("bot").Build();

        var r = VisitorResolver.Resolve(Event(["bot"]), evidence);

        Assert.Equal(MatchRules.None, r.Rule);
        Assert.Contains(r.Notes, n => n.Contains("bot"));
    }

    [Fact]
    public void An_unknown_carried_visitor_is_flagged_for_late_data()
    {
        var evidence = new GraphBuilder().Carried("not-yet").Build();

        var r = VisitorResolver.Resolve(Event(["not-yet"]), evidence);

        Assert.Equal(MatchRules.None, r.Rule);
        Assert.True(r.CarriedVisitorUnknown);
    }

    [Fact]
    public void No_evidence_is_rule_none()
    {
        var r = VisitorResolver.Resolve(Event(), MatchEvidence.Empty);

        Assert.Equal(MatchRules.None, r.Rule);
        Assert.Null(r.Primary);
        Assert.False(r.CarriedVisitorUnknown);
    }
}
