using Pipeline.Destinations;
using Pipeline.Destinations.Pinterest;
using Pipeline.Events;
using static Pipeline.UnitTests.Destinations.Pinterest.PinterestTestEvents;

namespace Pipeline.UnitTests.Destinations.Pinterest;

public class PinterestEventValidatorTests
{
    [Fact]
    public void Complete_purchase_is_sendable() => Assert.Null(PinterestEventValidator.Check(Purchase(), Target(), Settings(), Now));

    [Fact]
    public void Event_from_the_future_is_not_sendable() =>
        Assert.Equal(["event_time is in the future"],
            PinterestEventValidator.Validate(Purchase() with { EventTime = Now.ToUnixTimeSeconds() + 1 }, Now));

    [Fact]
    public void Event_pinterest_cannot_match_is_not_sendable()
    {
        // A phone and an external id alone are not enough: Pinterest needs an e-mail, a mobile ad id, or IP and user agent.
        var evt = Purchase() with
        {
            UserData = new() { Phone = Purchase().UserData!.Phone, ExternalId = Purchase().UserData!.ExternalId },
            ClientUserAgent = null,
        };

        var outcome = PinterestEventValidator.Check(evt, Target(), Settings(), Now);

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome!.Kind);
        Assert.Equal("not sendable to Pinterest: user_data has no e-mail and no IP address with user agent", outcome.Detail);
    }

    [Fact]
    public void IP_and_user_agent_alone_are_enough() =>
        Assert.Null(PinterestEventValidator.Check(Purchase() with { UserData = null }, Target(), Settings(), Now));

    [Fact]
    public void Event_without_an_event_id_is_not_sendable_because_it_is_the_dedup_key() =>
        Assert.Contains("missing event_id", PinterestEventValidator.Validate(Purchase() with { EventId = "" }, Now));

    [Fact]
    public void Malformed_currency_is_not_sendable() =>
        Assert.Contains("currency is not an ISO-4217 code", PinterestEventValidator.Validate(Purchase() with { Currency = "EURO" }, Now));

    [Fact]
    public void Refund_is_skipped_because_pinterest_has_no_such_event()
    {
        var outcome = PinterestEventValidator.Check(Purchase() with { EventName = "Refund" }, Target(), Settings(), Now);

        Assert.Equal(DeliveryOutcomeKind.Skipped, outcome!.Kind);
        Assert.Equal("Pinterest has no event for Refund", outcome.Detail);
    }

    [Fact]
    public void A_mapped_name_is_sent_even_for_a_non_standard_event() =>
        Assert.Null(PinterestEventValidator.Check(Purchase() with { EventName = "Refund" }, Target() with { EventName = "custom" }, Settings(), Now));

    [Fact]
    public void App_event_is_skipped_because_its_operating_system_is_unknown() =>
        Assert.Equal(DeliveryOutcomeKind.Skipped,
            PinterestEventValidator.Check(Purchase() with { ActionSource = "app" }, Target(), Settings(), Now)!.Kind);

    [Fact]
    public void Event_older_than_the_age_limit_is_dead_as_expired()
    {
        var old = Purchase() with { EventTime = Now.AddDays(-8).ToUnixTimeSeconds() };

        var outcome = new PinterestPlatform().Refusal(new(old, Target()), Settings(), Now);

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome!.Kind);
        Assert.Equal("expired: event is older than 7 days", outcome.Detail);
    }
}
