using Pipeline.Circuit;
using Pipeline.Configuration;
using Pipeline.Destinations;

namespace Pipeline.UnitTests.Send;

public sealed class CircuitPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);

    private static readonly CircuitOptions Options = new()
    {
        InitialProbeInterval = TimeSpan.FromMinutes(5),
        MaxProbeInterval = TimeSpan.FromMinutes(30),
        ProbeLease = TimeSpan.FromMinutes(2),
    };

    private readonly CircuitPolicy _policy = new(Options);

    private static DestinationCircuit Open(DateTimeOffset nextProbe, TimeSpan? interval = null) => new()
    {
        Destination = "meta-main",
        State = DestinationCircuit.Open,
        OpenedAt = Now.AddMinutes(-10),
        Reason = "190: token expired",
        NextProbeAt = nextProbe,
        ProbeInterval = interval ?? Options.InitialProbeInterval,
    };

    [Fact]
    public void A_destination_that_never_paused_is_sent_to()
    {
        Assert.Equal(CircuitGate.Send, _policy.Decide(null, Now).Gate);
    }

    [Fact]
    public void A_closed_circuit_is_sent_to()
    {
        var closed = Open(Now) with { State = DestinationCircuit.Closed, ClosedAt = Now.AddMinutes(-1) };
        Assert.Equal(CircuitGate.Send, _policy.Decide(closed, Now).Gate);
    }

    [Fact]
    public void An_open_circuit_holds_deliveries_until_its_probe_time_with_its_reason()
    {
        var decision = _policy.Decide(Open(Now.AddMinutes(3)), Now);

        Assert.Equal(CircuitGate.Hold, decision.Gate);
        Assert.Equal(Now.AddMinutes(3), decision.HoldUntil);
        Assert.Equal("190: token expired", decision.Reason);
    }

    [Fact]
    public void An_open_circuit_past_its_probe_time_lets_a_delivery_probe()
    {
        Assert.Equal(CircuitGate.Probe, _policy.Decide(Open(Now), Now).Gate);
        Assert.Equal(CircuitGate.Probe, _policy.Decide(Open(Now.AddSeconds(-1)), Now).Gate);
    }

    [Fact]
    public void Claiming_the_probe_holds_every_other_delivery_for_the_lease()
    {
        var claimed = _policy.ClaimProbe(Open(Now.AddSeconds(-1)), Now);

        Assert.Equal(Now + Options.ProbeLease, claimed.NextProbeAt);
        Assert.Equal(1, claimed.Probes);
        Assert.Equal(CircuitGate.Hold, _policy.Decide(claimed, Now.AddSeconds(1)).Gate);
    }

    [Fact]
    public void An_auth_failure_opens_a_closed_circuit_with_the_reason_and_the_initial_interval()
    {
        var opened = _policy.After("meta-main", null, CircuitGate.Send, DeliveryOutcomeKind.AuthFailure, "190: token expired", Now);

        Assert.NotNull(opened);
        Assert.True(opened.IsOpen);
        Assert.Equal("meta-main", opened.Destination);
        Assert.Equal("190: token expired", opened.Reason);
        Assert.Equal(Now, opened.OpenedAt);
        Assert.Equal(Now + Options.InitialProbeInterval, opened.NextProbeAt);
        Assert.Equal(0, opened.Probes);
    }

    [Theory]
    [InlineData(DeliveryOutcomeKind.Delivered)]
    [InlineData(DeliveryOutcomeKind.Retry)]
    [InlineData(DeliveryOutcomeKind.Permanent)]
    [InlineData(DeliveryOutcomeKind.Skipped)]
    public void Other_outcomes_through_a_closed_circuit_change_nothing(DeliveryOutcomeKind outcome)
    {
        Assert.Null(_policy.After("meta-main", null, CircuitGate.Send, outcome, "x", Now));
    }

    [Fact]
    public void An_auth_failure_from_a_send_that_raced_the_opening_leaves_the_open_circuit_alone()
    {
        Assert.Null(_policy.After("meta-main", Open(Now.AddMinutes(4)), CircuitGate.Send, DeliveryOutcomeKind.AuthFailure, "190", Now));
    }

    [Fact]
    public void A_delivered_probe_closes_the_circuit()
    {
        var closed = _policy.After("meta-main", Open(Now.AddMinutes(2)), CircuitGate.Probe, DeliveryOutcomeKind.Delivered, "ok", Now);

        Assert.NotNull(closed);
        Assert.False(closed.IsOpen);
        Assert.Equal(Now, closed.ClosedAt);
        Assert.Null(closed.NextProbeAt);
        Assert.Equal(CircuitGate.Send, _policy.Decide(closed, Now).Gate);
    }

    [Fact]
    public void A_rejected_probe_doubles_the_interval_up_to_the_ceiling()
    {
        var circuit = Open(Now.AddMinutes(2));
        var intervals = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            circuit = _policy.After("meta-main", circuit, CircuitGate.Probe, DeliveryOutcomeKind.AuthFailure, "190: still expired", Now)!;
            intervals.Add(circuit.ProbeInterval);
            Assert.Equal(Now + circuit.ProbeInterval, circuit.NextProbeAt);
            Assert.True(circuit.IsOpen);
        }

        Assert.Equal([10, 20, 30, 30, 30], intervals.Select(t => (int)t.TotalMinutes));
        Assert.Equal("190: still expired", circuit.Reason);
    }

    [Theory]
    [InlineData(DeliveryOutcomeKind.Retry)]
    [InlineData(DeliveryOutcomeKind.Permanent)]
    [InlineData(DeliveryOutcomeKind.Skipped)]
    [InlineData(null)]
    public void A_probe_that_says_nothing_about_the_credentials_keeps_the_circuit_open_and_probes_again_soon(DeliveryOutcomeKind? outcome)
    {
        var circuit = Open(Now.AddMinutes(2), TimeSpan.FromMinutes(20));

        var after = _policy.After("meta-main", circuit, CircuitGate.Probe, outcome, "503", Now);

        Assert.NotNull(after);
        Assert.True(after.IsOpen);
        Assert.Equal(TimeSpan.FromMinutes(20), after.ProbeInterval);
        Assert.Equal(Now + Options.InitialProbeInterval, after.NextProbeAt);
        Assert.Equal("190: token expired", after.Reason);
    }

    [Fact]
    public void A_rejected_probe_on_a_circuit_closed_meanwhile_opens_it_again()
    {
        var closed = Open(Now) with { State = DestinationCircuit.Closed, ClosedAt = Now.AddMinutes(-1), NextProbeAt = null };

        var after = _policy.After("meta-main", closed, CircuitGate.Probe, DeliveryOutcomeKind.AuthFailure, "190", Now);

        Assert.NotNull(after);
        Assert.True(after.IsOpen);
        Assert.Equal(Now, after.OpenedAt);
    }
}
