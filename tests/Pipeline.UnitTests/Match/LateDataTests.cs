using Pipeline.Match;

namespace Pipeline.UnitTests.Match;

public sealed class LateDataTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly MatchOptions Options = new();
    private static readonly VisitorResolution Unknown = new() { CarriedVisitorUnknown = true };
    private static readonly VisitorResolution Found = new() { Rule = MatchRules.VisitorId, Primary = "v", Accepted = ["v"] };

    private static string? Wait(VisitorResolution r, bool consent = true, TimeSpan? age = null, int attempts = 0) =>
        LateData.WaitReason(r, carriesVisitorIds: true, consent, (Now - (age ?? TimeSpan.FromSeconds(20))).ToUnixTimeSeconds(), Now, attempts, Options);

    [Fact]
    public void A_young_event_whose_visitor_is_not_written_yet_waits() => Assert.NotNull(Wait(Unknown));

    [Fact]
    public void A_young_event_whose_visitor_has_no_consent_yet_waits() => Assert.NotNull(Wait(Found, consent: false));

    [Fact]
    public void An_event_that_already_waited_goes_on() => Assert.Null(Wait(Unknown, attempts: 1));

    [Fact]
    public void An_old_event_goes_on() => Assert.Null(Wait(Unknown, age: TimeSpan.FromHours(1)));

    [Fact]
    public void A_matched_event_with_consent_goes_on() => Assert.Null(Wait(Found));

    [Fact]
    public void An_event_without_visitor_ids_never_waits_for_consent() =>
        Assert.Null(LateData.WaitReason(Found, carriesVisitorIds: false, consentFound: false, Now.ToUnixTimeSeconds(), Now, 0, Options));
}
