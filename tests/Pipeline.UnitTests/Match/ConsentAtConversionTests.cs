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
        Assert.Same(Denied, Find(Denied, Granted, Conversion.AddDays(-1)).State);

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
