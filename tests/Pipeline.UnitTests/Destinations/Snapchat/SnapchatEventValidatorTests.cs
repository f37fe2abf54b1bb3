using Pipeline.Destinations;
using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Snapchat;
using static Pipeline.UnitTests.Destinations.Snapchat.SnapchatTestEvents;

namespace Pipeline.UnitTests.Destinations.Snapchat;

public class SnapchatEventValidatorTests
{
    [Fact]
    public void Complete_purchase_is_sendable()
    {
        Assert.Empty(SnapchatEventValidator.Validate(Purchase(), Target(), Settings(), Now));
        Assert.Null(SnapchatEventValidator.Check(Purchase(), Target(), Settings(), Now));
    }

    [Fact]
    public void Purchase_without_value_and_currency_is_not_sendable() =>
        Assert.Equal(["PURCHASE without value", "PURCHASE without currency"],
            SnapchatEventValidator.Validate(Purchase() with { Value = null, Currency = null }, Target(), Settings(), Now));

    [Fact]
    public void Lowercase_currency_is_not_sendable() =>
        Assert.Equal(["currency is not an uppercase ISO-4217 code"],
            SnapchatEventValidator.Validate(Purchase() with { Currency = "eur" }, Target(), Settings(), Now));

    [Fact]
    public void Web_event_needs_a_page_url_or_the_fallback()
    {
        var noUrl = Purchase() with { EventSourceUrl = null };
        var withFallback = Settings();
        withFallback.EventSourceUrlFallback = "https://shop.example/";

        Assert.Equal(["missing event_source_url for web"], SnapchatEventValidator.Validate(noUrl, Target(), Settings(), Now));
        Assert.Empty(SnapchatEventValidator.Validate(noUrl, Target(), withFallback, Now));
    }

    [Fact]
    public void Offline_event_needs_no_page_url() =>
        Assert.Empty(SnapchatEventValidator.Validate(
            Purchase() with { ActionSource = "physical_store", EventSourceUrl = null }, Target(), Settings(), Now));

    [Fact]
    public void Event_without_email_phone_or_ip_and_user_agent_is_not_sendable()
    {
        var onlyIp = Purchase() with { UserData = null, ClientUserAgent = null };
        var ipAndAgent = Purchase() with { UserData = null };

        Assert.Equal(["no e-mail, phone, or IP and user agent in user_data"], SnapchatEventValidator.Validate(onlyIp, Target(), Settings(), Now));
        Assert.Empty(SnapchatEventValidator.Validate(ipAndAgent, Target(), Settings(), Now));
    }

    [Fact]
    public void Event_from_the_future_is_not_sendable() =>
        Assert.Equal(["event_time is in the future"],
            SnapchatEventValidator.Validate(Purchase() with { EventTime = Now.ToUnixTimeSeconds() + 1 }, Target(), Settings(), Now));

    [Fact]
    public void Lead_is_skipped_unless_the_target_maps_it()
    {
        var lead = Purchase() with { EventName = "Lead", Value = null, Currency = null };

        Assert.Equal(DeliveryOutcomeKind.Skipped, SnapchatEventValidator.Check(lead, Target(), Settings(), Now)!.Kind);
        Assert.Null(SnapchatEventValidator.Check(lead, Target() with { EventName = "SIGN_UP" }, Settings(), Now));
    }

    [Fact]
    public void App_events_are_skipped() =>
        Assert.Equal(DeliveryOutcomeKind.Skipped,
            SnapchatEventValidator.Check(Purchase() with { ActionSource = "app" }, Target(), Settings(), Now)!.Kind);

    [Fact]
    public void Event_older_than_the_age_limit_is_expired()
    {
        var old = Purchase() with { EventTime = Now.AddDays(-7).ToUnixTimeSeconds() - 1 };
        var prepared = new PreparedEvent(old, Target());

        var outcome = new SnapchatPlatform().Refusal(prepared, Settings(), Now);

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome!.Kind);
        Assert.Equal("expired: event is older than 7 days", outcome.Detail);
    }
}
