using Pipeline.Events;

namespace Pipeline.UnitTests.Match;

public sealed class ConsentSignalsTests
{
    [Theory]
    [InlineData("granted", null, true)]
    [InlineData("DENIED", "granted", false)]
    [InlineData(null, "granted", true)]
    [InlineData(null, "denied", false)]
    [InlineData(null, null, null)]
    [InlineData("maybe", null, null)]
    public void Ad_user_data_falls_back_to_ad_storage(string? adUserData, string? adStorage, bool? expected) =>
        Assert.Equal(expected, ConsentSignals.AdUserData(new ConsentState { AdUserData = adUserData, AdStorage = adStorage }));

    [Fact]
    public void Ad_personalization_falls_back_to_ad_storage_never_to_ad_user_data()
    {
        Assert.Null(ConsentSignals.AdPersonalization(new ConsentState { AdUserData = "granted" }));
        Assert.False(ConsentSignals.AdPersonalization(new ConsentState { AdStorage = "granted", AdPersonalization = "denied" }));
        Assert.True(ConsentSignals.AdPersonalization(new ConsentState { AdStorage = "granted" }));
    }

    [Theory]
    [InlineData("denied", null, true)]
    [InlineData(null, "denied", true)]
    [InlineData("granted", "granted", false)]
    [InlineData(null, null, false)]
    public void Ads_are_denied_by_either_ad_storage_or_ad_user_data(string? adStorage, string? adUserData, bool expected) =>
        Assert.Equal(expected, ConsentSignals.DeniesAds(new ConsentState { AdStorage = adStorage, AdUserData = adUserData }));

    [Fact]
    public void Merging_keeps_every_denial_and_fills_in_unknown_signals()
    {
        var merged = ConsentSignals.Merge(
            new ConsentState { AdStorage = "GRANTED", AdUserData = "granted", SaleOfDataOptOut = false, Time = 10 },
            new ConsentState { AdUserData = "denied", AnalyticsStorage = "granted", AdPersonalization = "denied", SaleOfDataOptOut = true, Time = 5 });

        Assert.Equal(new ConsentState
        {
            AdStorage = "granted", AdUserData = "denied", AnalyticsStorage = "granted", AdPersonalization = "denied",
            SaleOfDataOptOut = true, Time = 10,
        }, merged);
    }
}
