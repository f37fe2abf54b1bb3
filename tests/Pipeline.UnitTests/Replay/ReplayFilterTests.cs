using Pipeline.Ledger;
using Pipeline.Replay;

namespace Pipeline.UnitTests.Replay;

public sealed class ReplayFilterTests
{
    private static readonly DateTimeOffset DiedAt = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly LedgerEntry Dead = new()
    {
        EventId = "purchase_58213",
        Destination = "meta-main",
        State = DeliveryState.Dead,
        LastError = "190: Error validating access token",
        Reason = "poison queue: the delivery threw on every attempt",
        UpdatedAt = DiedAt,
    };

    [Fact]
    public void An_empty_filter_matches_every_dead_row_and_nothing_else()
    {
        var all = new ReplayFilter();
        Assert.True(all.Matches(Dead));
        Assert.False(all.Matches(Dead with { State = DeliveryState.Delivered }));
        Assert.False(all.Matches(Dead with { State = DeliveryState.Pending }));
        Assert.False(all.Matches(Dead with { State = DeliveryState.Retrying }));
    }

    [Fact]
    public void Destination_must_match_exactly()
    {
        Assert.True(new ReplayFilter(Destination: "meta-main").Matches(Dead));
        Assert.False(new ReplayFilter(Destination: "meta").Matches(Dead));
        Assert.False(new ReplayFilter(Destination: "META-MAIN").Matches(Dead));
    }

    [Fact]
    public void Time_window_includes_from_and_excludes_to()
    {
        Assert.True(new ReplayFilter(From: DiedAt).Matches(Dead));
        Assert.False(new ReplayFilter(From: DiedAt.AddSeconds(1)).Matches(Dead));
        Assert.False(new ReplayFilter(To: DiedAt).Matches(Dead));
        Assert.True(new ReplayFilter(From: DiedAt.AddDays(-1), To: DiedAt.AddSeconds(1)).Matches(Dead));
    }

    [Fact]
    public void Reason_is_found_case_insensitively_in_the_last_error_or_the_reason()
    {
        Assert.True(new ReplayFilter(Reason: "190").Matches(Dead));
        Assert.True(new ReplayFilter(Reason: "ACCESS TOKEN").Matches(Dead));
        Assert.True(new ReplayFilter(Reason: "poison").Matches(Dead));
        Assert.False(new ReplayFilter(Reason: "40105").Matches(Dead));
    }
}
