using Pipeline.Destinations;
using Pipeline.Destinations.Meta;
using Pipeline.Events;
using static Pipeline.UnitTests.Destinations.Meta.MetaTestEvents;

namespace Pipeline.UnitTests.Destinations.Meta;

public class MetaEventValidatorTests
{
    [Fact]
    public void Complete_purchase_is_sendable()
    {
        Assert.Empty(MetaEventValidator.Validate(Purchase(), Target(), Settings(), Now));
        Assert.Null(MetaEventValidator.Check(Purchase(), Target(), Settings(), Now));
    }

    [Fact]
    public void Event_from_the_future_is_not_sendable() =>
        Assert.Equal(["event_time is in the future"],
            MetaEventValidator.Validate(Purchase() with { EventTime = Now.ToUnixTimeSeconds() + 1 }, Target(), Settings(), Now));

    [Fact]
    public void Website_event_older_than_seven_days_is_expired()
    {
        var evt = Purchase() with { EventTime = Now.AddDays(-7).ToUnixTimeSeconds() - 1 };

        Assert.Equal(["expired: event_time is older than 7 days"], MetaEventValidator.Validate(evt, Target(), Settings(), Now));
    }

    [Fact]
    public void Website_event_exactly_seven_days_old_is_still_sendable() =>
        Assert.Empty(MetaEventValidator.Validate(Purchase() with { EventTime = Now.AddDays(-7).ToUnixTimeSeconds() }, Target(), Settings(), Now));

    [Fact]
    public void Physical_store_event_may_be_up_to_62_days_old()
    {
        var store = Purchase() with { ActionSource = "physical_store", EventSourceUrl = null, ClientUserAgent = null };

        Assert.Empty(MetaEventValidator.Validate(store with { EventTime = Now.AddDays(-62).ToUnixTimeSeconds() }, Target(), Settings(), Now));
        Assert.Equal(["expired: event_time is older than 62 days"],
            MetaEventValidator.Validate(store with { EventTime = Now.AddDays(-63).ToUnixTimeSeconds() }, Target(), Settings(), Now));
    }

    [Fact]
    public void Website_event_needs_a_url_and_a_user_agent()
    {
        var evt = Purchase() with { EventSourceUrl = null, ClientUserAgent = null };

        Assert.Equal(["missing event_source_url for website", "missing client_user_agent for website"],
            MetaEventValidator.Validate(evt, Target(), Settings(), Now));
    }

    [Fact]
    public void Website_event_without_url_passes_when_a_fallback_is_configured()
    {
        var settings = Settings();
        settings.EventSourceUrlFallback = "https://shop.example/";

        Assert.Empty(MetaEventValidator.Validate(Purchase() with { EventSourceUrl = null }, Target(), settings, Now));
    }

    [Fact]
    public void Purchase_needs_value_and_currency() =>
        Assert.Equal(["Purchase without value", "Purchase without currency"],
            MetaEventValidator.Validate(Purchase() with { Value = null, Currency = null }, Target(), Settings(), Now));

    [Fact]
    public void Lead_without_value_is_sendable() =>
        Assert.Empty(MetaEventValidator.Validate(Purchase() with { EventName = "Lead", Value = null, Currency = null }, Target(), Settings(), Now));

    [Fact]
    public void Currency_must_be_a_three_letter_code() =>
        Assert.Equal(["currency is not an ISO-4217 code"],
            MetaEventValidator.Validate(Purchase() with { Currency = "EURO" }, Target(), Settings(), Now));

    [Fact]
    public void Unknown_action_source_is_not_sendable() =>
        Assert.Contains("unknown action_source 'webhook'",
            MetaEventValidator.Validate(Purchase() with { ActionSource = "webhook" }, Target(), Settings(), Now));

    [Fact]
    public void Event_with_no_customer_information_is_not_sendable()
    {
        var evt = new CanonicalEvent { EventName = "Lead", EventTime = MetaTestEvents.EventTime, EventId = "lead_1", ActionSource = "phone_call" };

        Assert.Equal(["no customer information in user_data"], MetaEventValidator.Validate(evt, Target(), Settings(), Now));
    }

    [Fact]
    public void Malformed_fbc_does_not_make_an_event_unsendable()
    {
        var evt = Purchase() with { BrowserIds = new Dictionary<string, string> { ["fbc"] = "garbage" } };

        Assert.Empty(MetaEventValidator.Validate(evt, Target(), Settings(), Now));
    }

    [Fact]
    public void Every_problem_is_reported_together_as_a_permanent_outcome()
    {
        var evt = Purchase() with { EventTime = Now.AddDays(-30).ToUnixTimeSeconds(), Value = null };

        var outcome = MetaEventValidator.Check(evt, Target(), Settings(), Now);

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome!.Kind);
        Assert.Equal("not sendable to Meta: expired: event_time is older than 7 days; Purchase without value", outcome.Detail);
    }

    [Fact]
    public void Refund_is_skipped_because_meta_has_no_such_event()
    {
        var outcome = MetaEventValidator.Check(Purchase() with { EventName = "Refund" }, Target(), Settings(), Now);

        Assert.Equal(DeliveryOutcomeKind.Skipped, outcome!.Kind);
        Assert.Equal("Meta has no event for Refund", outcome.Detail);
    }

    [Fact]
    public void Test_event_is_skipped_when_no_test_event_code_is_configured()
    {
        var outcome = MetaEventValidator.Check(Purchase(), Target() with { Test = true }, Settings(), Now);

        Assert.Equal(DeliveryOutcomeKind.Skipped, outcome!.Kind);
    }

    [Theory]
    [InlineData("Purchase", "Purchase")]
    [InlineData("AddToCart", "AddToCart")]
    [InlineData("ViewContent", "ViewContent")]
    [InlineData("InitiateCheckout", "InitiateCheckout")]
    [InlineData("AddPaymentInfo", "AddPaymentInfo")]
    [InlineData("Lead", "Lead")]
    [InlineData("CompleteRegistration", "CompleteRegistration")]
    [InlineData("Subscribe", "Subscribe")]
    [InlineData("Search", "Search")]
    [InlineData("PageView", "PageView")]
    [InlineData("Refund", null)]
    [InlineData("SomethingElse", null)]
    public void Standard_names_map_to_meta_events(string standard, string? meta) =>
        Assert.Equal(meta, MetaEventNames.Map.Resolve(new CanonicalEvent { EventName = standard }, new DeliveryTarget()));
}
