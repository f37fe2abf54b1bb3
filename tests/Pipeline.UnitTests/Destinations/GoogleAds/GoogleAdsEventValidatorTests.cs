using Pipeline.Destinations;
using Pipeline.Destinations.GoogleAds;
using Pipeline.Events;
using Pipeline.Identity;
using static Pipeline.UnitTests.Destinations.GoogleAds.GoogleTestData;

namespace Pipeline.UnitTests.Destinations.GoogleAds;

public sealed class GoogleAdsEventValidatorTests
{
    private static DeliveryOutcome? Validate(CanonicalEvent e, GoogleAdsSettings? s = null) =>
        GoogleAdsEventValidator.Validate(e, Target(), s ?? AdsSettings(), Now);

    [Fact]
    public void Purchase_with_click_id_is_valid() => Assert.Null(Validate(Purchase()));

    [Fact]
    public void Purchase_with_identifiers_but_no_click_id_is_valid() =>
        Assert.Null(Validate(Purchase() with { ClickIds = null }));

    [Fact]
    public void Purchase_with_click_id_but_no_identifiers_is_valid() =>
        Assert.Null(Validate(Purchase() with { UserData = null }));

    [Fact]
    public void Purchase_without_click_id_or_identifiers_is_skipped()
    {
        var outcome = Validate(Purchase() with { ClickIds = new Dictionary<string, string> { ["fbclid"] = "x" }, UserData = new HashedUserData() });

        Assert.Equal(DeliveryOutcomeKind.Skipped, outcome?.Kind);
        Assert.Contains("no click id", outcome!.Detail);
    }

    [Fact]
    public void Purchase_without_click_id_whose_user_data_consent_is_denied_is_skipped_for_consent()
    {
        var outcome = Validate(Purchase() with { ClickIds = null, Consent = new ConsentState { AdUserData = "denied" } });

        Assert.Equal(DeliveryOutcomeKind.Skipped, outcome?.Kind);
        Assert.Contains("ad_user_data", outcome!.Detail);
    }

    [Fact]
    public void Event_without_a_conversion_action_is_skipped()
    {
        var outcome = Validate(Purchase() with { EventName = "AddToCart" });

        Assert.Equal(DeliveryOutcomeKind.Skipped, outcome?.Kind);
        Assert.Contains("AddToCart", outcome!.Detail);
    }

    [Fact]
    public void Default_conversion_action_takes_unmapped_events()
    {
        var s = AdsSettings();
        s.ConversionActionId = "333";
        Assert.Null(Validate(Purchase() with { EventName = "AddToCart" }, s));
    }

    [Fact]
    public void Event_older_than_the_click_window_is_permanent()
    {
        var s = AdsSettings();
        s.ClickWindowDays = 30;
        var outcome = GoogleAdsEventValidator.Validate(Purchase(), Target(), s, Now.AddDays(31));

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome?.Kind);
        Assert.StartsWith("expired", outcome!.Detail);
    }

    [Fact]
    public void Click_window_never_exceeds_ninety_days()
    {
        var s = AdsSettings();
        s.ClickWindowDays = 400;
        Assert.Equal(DeliveryOutcomeKind.Permanent, GoogleAdsEventValidator.Validate(Purchase(), Target(), s, Now.AddDays(91))?.Kind);
    }

    [Fact]
    public void Refund_naming_its_order_is_valid_without_click_id() => Assert.Null(Validate(Refund(10m)));

    [Fact]
    public void Refund_naming_no_order_is_skipped()
    {
        var outcome = Validate(Refund() with { OrderId = null, OriginalEventId = null });
        Assert.Equal(DeliveryOutcomeKind.Skipped, outcome?.Kind);
    }
}
