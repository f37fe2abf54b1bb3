using Pipeline.Events;
using Pipeline.Match.Consent;
using Pipeline.Match.Graph;

namespace Pipeline.UnitTests.Match;

public sealed class ConsentAtConversionTests
{
    private static readonly DateTimeOffset Conversion = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(10);
    private static readonly ConsentState Granted = new() { AdStorage = "granted" };
    private static readonly ConsentState Denied = new() { AdStorage = "denied" };

    private static (ConsentState? State, string Note) Find(ConsentState? evt, ConsentState? visitor, DateTimeOffset? at) =>
        ConsentAtConversion.Find(evt, "v1", visitor is null ? null : new VisitorProfile { Consent = visitor, ConsentAt = at }, Conversion.ToUnixTimeSeconds(), Tolerance);

    [Fact]
    public void The_events_own_consent_comes_first() =>
        Assert.Equal("denied", Find(Denied, Granted, Conversion.AddDays(-1)).State!.AdStorage);

    [Fact]
    public void A_denial_the_visitor_recorded_wins_over_a_grant_the_event_carries()
    {
        var (state, note) = Find(Granted with { AdUserData = "granted" }, Denied, Conversion.AddDays(-1));

        Assert.Equal("denied", state!.AdStorage);
        Assert.Equal("granted", state.AdUserData);
        Assert.Contains("a denial from either is honoured", note);
    }

    [Fact]
    public void A_withdrawal_after_the_conversion_wins_over_the_events_grant() =>
        Assert.Equal("denied", Find(Granted, Denied, Conversion.AddHours(2)).State!.AdStorage);

    [Fact]
    public void The_visitors_signals_fill_in_what_the_event_left_out()
    {
        var (state, _) = Find(new ConsentState { SaleOfDataOptOut = true }, new ConsentState { AdStorage = "granted", AnalyticsStorage = "GRANTED" }, Conversion.AddDays(-1));

        Assert.Equal(true, state!.SaleOfDataOptOut);
        Assert.Equal("granted", state.AdStorage);
        Assert.Equal("granted", state.AnalyticsStorage);
    }

    [Fact]
    public void The_visitors_consent_recorded_before_the_conversion_applies() =>
        Assert.Same(Granted, Find(null, Granted, Conversion.AddDays(-1)).State);

    [Fact]
    public void A_consent_recorded_a_moment_after_the_conversion_still_applies() =>
        Assert.Same(Granted, Find(null, Granted, Conversion.AddMinutes(5)).State);

    [Fact]
    public void A_grant_recorded_long_after_the_conversion_is_unknown_at_conversion_time()
    {
        var (state, note) = Find(null, Granted, Conversion.AddHours(2));

        Assert.Null(state);
        Assert.Contains("only after the conversion", note);
    }

    [Fact]
    public void A_denial_recorded_after_the_conversion_is_a_withdrawal_and_applies()
    {
        var (state, note) = Find(null, Denied, Conversion.AddHours(2));

        Assert.Same(Denied, state);
        Assert.Contains("withdrew", note);
    }

    [Fact]
    public void No_consent_anywhere_is_unknown() => Assert.Null(Find(null, null, null).State);
}
