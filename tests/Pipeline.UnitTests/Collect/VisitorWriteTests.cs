using Pipeline.Collect;
using Pipeline.Events;

namespace Pipeline.UnitTests.Collect;

public sealed class VisitorWriteTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly HitContext Context = new() { Now = Now, Ip = "203.0.113.5", UserAgent = "Mozilla/5.0" };

    private static VisitorObservation Seen(string? fbp = "fb.1.1.2", ConsentState? consent = null,
        IReadOnlyList<ClickCapture>? clicks = null) => new()
    {
        Fbp = fbp,
        Consent = consent,
        Clicks = clicks ?? [],
    };

    [Fact]
    public void A_minted_visitor_writes_its_profile_with_FirstSeen()
    {
        var write = VisitorWrite.Plan(Seen(), Context, "vNewVisitor1", minted: true, serverCookieHeldVisitor: false, isBot: false, previous: null);

        Assert.True(write.Profile);
        Assert.True(write.FirstSeen);
    }

    [Fact]
    public void A_hit_that_repeats_what_was_written_writes_nothing()
    {
        var first = VisitorWrite.Plan(Seen(), Context, "vSameVisitor", false, true, false, null);
        var state = VisitorState.Parse(first.NewState.Format());

        var again = VisitorWrite.Plan(Seen(), Context, "vSameVisitor", false, true, false, state);

        Assert.True(again.IsEmpty);
        Assert.Equal(first.NewState.Format(), again.NewState.Format());
    }

    [Fact]
    public void A_missing_group_is_not_a_change_but_a_changed_one_is()
    {
        var state = VisitorState.Parse(VisitorWrite.Plan(Seen(consent: new ConsentState { AdStorage = "granted" }), Context,
            "vSameVisitor", false, true, false, null).NewState.Format());

        Assert.True(VisitorWrite.Plan(Seen(consent: null), Context, "vSameVisitor", false, true, false, state).IsEmpty);
        Assert.True(VisitorWrite.Plan(Seen(fbp: "fb.1.1.3"), Context, "vSameVisitor", false, true, false, state).Profile);
        Assert.True(state!.ConsentGranted);
    }

    [Fact]
    public void The_next_day_refreshes_LastSeen_once()
    {
        var state = VisitorState.Parse(VisitorWrite.Plan(Seen(), Context, "vSameVisitor", false, true, false, null).NewState.Format());

        var tomorrow = VisitorWrite.Plan(Seen(), Context with { Now = Now.AddDays(1) }, "vSameVisitor", false, true, false, state);

        Assert.True(tomorrow.Profile);
        Assert.False(tomorrow.FirstSeen);
    }

    [Fact]
    public void Click_ids_already_written_are_not_written_again()
    {
        var clicks = new[] { new ClickCapture { Param = "gclid", ClickId = "G1", CapturedAt = Now } };
        var first = VisitorWrite.Plan(Seen(clicks: clicks), Context, "vSameVisitor", false, true, false, null);
        var again = VisitorWrite.Plan(Seen(clicks: clicks), Context, "vSameVisitor", false, true, false, VisitorState.Parse(first.NewState.Format()));

        Assert.Single(first.Clicks);
        Assert.Empty(again.Clicks);
        Assert.True(again.IsEmpty);
    }

    [Fact]
    public void A_state_cookie_of_another_visitor_counts_for_nothing()
    {
        var state = VisitorState.Parse(VisitorWrite.Plan(Seen(), Context, "vOneVisitor1", false, true, false, null).NewState.Format());

        var other = VisitorWrite.Plan(Seen(), Context, "vTwoVisitor2", false, false, false, state);

        Assert.True(other.Profile);
        Assert.True(other.FirstSeen);
    }

    [Fact]
    public void A_stored_IPv6_address_is_not_replaced_by_IPv4()
    {
        var v6 = VisitorWrite.Plan(Seen(), Context with { Ip = "2001:db8::1" }, "vSameVisitor", false, true, false, null);
        var v4 = VisitorWrite.Plan(Seen(), Context, "vSameVisitor", false, true, false, VisitorState.Parse(v6.NewState.Format()));

        Assert.Null(v4.Ip);
        Assert.True(v4.NewState.IPv6Stored);
    }

    [Fact]
    public void A_bare_hit_of_a_new_visitor_writes_no_row_and_remembers_that_nothing_is_stored()
    {
        var bare = VisitorWrite.Plan(Seen(fbp: null), Context, "vBareVisitor", minted: true, serverCookieHeldVisitor: false, isBot: false, previous: null);

        Assert.True(bare.IsEmpty);
        Assert.True(bare.NewState.Pending);
        var again = VisitorWrite.Plan(Seen(fbp: null), Context with { Now = Now.AddDays(1) }, "vBareVisitor", false, true, false,
            VisitorState.Parse(bare.NewState.Format()));
        Assert.True(again.IsEmpty);
    }

    [Fact]
    public void The_first_hit_with_something_to_match_on_writes_the_row_with_FirstSeen()
    {
        var bare = VisitorWrite.Plan(Seen(fbp: null), Context, "vBareVisitor", true, false, false, null);
        var clicks = new[] { new ClickCapture { Param = "gclid", ClickId = "G1", CapturedAt = Now } };

        var landed = VisitorWrite.Plan(Seen(fbp: null, clicks: clicks), Context, "vBareVisitor", false, true, false,
            VisitorState.Parse(bare.NewState.Format()));

        Assert.True(landed.Profile);
        Assert.True(landed.FirstSeen);
        Assert.Single(landed.Clicks);
        Assert.False(landed.NewState.Pending);
    }

    [Fact]
    public void A_bare_hit_of_a_visitor_already_stored_still_refreshes_it()
    {
        var state = VisitorState.Parse(VisitorWrite.Plan(Seen(), Context, "vSameVisitor", false, true, false, null).NewState.Format());

        var tomorrow = VisitorWrite.Plan(Seen(fbp: null), Context with { Now = Now.AddDays(1) }, "vSameVisitor", false, true, false, state);

        Assert.True(tomorrow.Profile);
        Assert.False(tomorrow.FirstSeen);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2.x.y")]
    [InlineData("1.abcde.-.!!!!!.....")]
    public void A_foreign_state_cookie_is_ignored(string? cookie) => Assert.Null(VisitorState.Parse(cookie));
}
