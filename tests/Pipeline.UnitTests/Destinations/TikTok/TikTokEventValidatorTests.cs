using Pipeline.Destinations;
using Pipeline.Destinations.TikTok;
using Pipeline.Events;
using static Pipeline.UnitTests.Destinations.TikTok.TikTokTestEvents;

namespace Pipeline.UnitTests.Destinations.TikTok;

public class TikTokEventValidatorTests
{
    [Fact]
    public void Complete_purchase_is_sendable() => Assert.Null(TikTokEventValidator.Check(Purchase(), Target(), Settings(), Now));

    [Fact]
    public void Event_from_the_future_is_not_sendable() =>
        Assert.Equal(["event_time is in the future"],
            TikTokEventValidator.Validate(Purchase() with { EventTime = Now.ToUnixTimeSeconds() + 1 }, Target(), Settings(), Now));

    [Fact]
    public void Web_event_needs_a_page_url()
    {
        var outcome = TikTokEventValidator.Check(Purchase() with { EventSourceUrl = null }, Target(), Settings(), Now);

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome!.Kind);
        Assert.Equal("not sendable to TikTok: missing page url for web", outcome.Detail);
    }

    [Fact]
    public void Event_with_no_customer_information_is_not_sendable()
    {
        var evt = new CanonicalEvent
        {
            EventName = "Lead", EventTime = EventTime, EventId = "lead_1", ActionSource = "website", EventSourceUrl = "https://shop.example/",
        };

        Assert.Equal(["no customer information in user"], TikTokEventValidator.Validate(evt, Target(), Settings(), Now));
    }

    [Fact]
    public void Refund_is_skipped_because_tiktok_has_no_such_event()
    {
        var outcome = TikTokEventValidator.Check(Purchase() with { EventName = "Refund" }, Target(), Settings(), Now);

        Assert.Equal(DeliveryOutcomeKind.Skipped, outcome!.Kind);
        Assert.Equal("TikTok has no event for Refund", outcome.Detail);
    }

    [Fact]
    public void Offline_event_is_skipped_when_no_offline_event_set_is_configured()
    {
        var outcome = TikTokEventValidator.Check(Purchase() with { ActionSource = "physical_store" }, Target(), Settings(), Now);

        Assert.Equal(DeliveryOutcomeKind.Skipped, outcome!.Kind);
        Assert.Equal("no TikTok event source id configured for offline events", outcome.Detail);
    }

    [Fact]
    public void Test_event_is_skipped_when_no_test_event_code_is_configured() =>
        Assert.Equal(DeliveryOutcomeKind.Skipped, TikTokEventValidator.Check(Purchase(), Target() with { Test = true }, Settings(), Now)!.Kind);

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
    [InlineData("PageView", null)]
    [InlineData("Refund", null)]
    public void Standard_names_map_to_tiktok_events(string standard, string? tiktok) =>
        Assert.Equal(tiktok, TikTokEventNames.Map.Resolve(new CanonicalEvent { EventName = standard }, new DeliveryTarget()));

    [Fact]
    public void Target_can_name_an_event_the_defaults_lack() =>
        Assert.Equal("Pageview", TikTokEventNames.Map.Resolve(new CanonicalEvent { EventName = "PageView" }, new DeliveryTarget { EventName = "Pageview" }));
}
