using Pipeline.Configuration;
using Pipeline.Ledger;

namespace Pipeline.UnitTests.Send;

public sealed class LeaseDeferralTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_copy_that_finds_a_fresh_two_minute_lease_looks_again_within_the_poll_not_when_the_lease_ends()
    {
        var heldUntil = Now + new LeaseOptions().Delivery;

        Assert.Equal(LeaseDeferral.MaxWait, LeaseDeferral.Delay(heldUntil, Now));
        Assert.True(LeaseDeferral.MaxWait < new LeaseOptions().Delivery);
    }

    [Fact]
    public void A_lease_ending_sooner_than_the_poll_is_looked_at_again_just_after_it_ends()
    {
        Assert.Equal(TimeSpan.FromSeconds(3) + LeaseDeferral.Margin, LeaseDeferral.Delay(Now + TimeSpan.FromSeconds(3), Now));
    }

    [Fact]
    public void A_lease_that_has_just_ended_is_looked_at_again_after_the_shortest_wait()
    {
        Assert.Equal(LeaseDeferral.MinWait, LeaseDeferral.Delay(Now - TimeSpan.FromSeconds(10), Now));
    }
}
