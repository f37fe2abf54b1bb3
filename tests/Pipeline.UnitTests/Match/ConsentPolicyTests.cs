using Pipeline.Events;
using Pipeline.Match.Consent;

namespace Pipeline.UnitTests.Match;

public sealed class ConsentPolicyTests
{
    private static readonly ConsentPolicy Policy = new(new ConsentOptions(), "US");

    private static readonly ConsentState Granted = new() { AdStorage = "granted", AdUserData = "granted", AdPersonalization = "granted", AnalyticsStorage = "granted" };

    [Theory]
    [InlineData("meta")]
    [InlineData("tiktok")]
    [InlineData("google_ads")]
    [InlineData("outbox")]
    public void Ads_denied_is_not_sent_to_any_ad_platform(string type)
    {
        var decision = Policy.Decide(Granted with { AdStorage = "denied" }, type, "EEA");

        Assert.False(decision.Send);
        Assert.Equal("consent: ad_storage denied", decision.Reason);
    }

    [Fact]
    public void Ad_user_data_denied_is_not_sent_either()
    {
        var decision = Policy.Decide(Granted with { AdUserData = "DENIED" }, "meta", "US");

        Assert.False(decision.Send);
        Assert.Equal("consent: ad_user_data denied", decision.Reason);
    }

    [Fact]
    public void Ga4_follows_analytics_storage_not_the_ad_signals()
    {
        Assert.True(Policy.Decide(Granted with { AdStorage = "denied" }, "ga4", "EEA").Send);
        var denied = Policy.Decide(Granted with { AnalyticsStorage = "denied" }, "ga4", "EEA");
        Assert.False(denied.Send);
        Assert.Equal("consent: analytics_storage denied", denied.Reason);
    }

    [Theory]
    [InlineData("google_ads")]
    [InlineData("ga4")]
    [InlineData("meta")]
    [InlineData("tiktok")]
    public void Personalization_denied_is_sent_with_the_flag(string type)
    {
        var decision = Policy.Decide(Granted with { AdPersonalization = "denied" }, type, "EEA");

        Assert.True(decision.Send);
        Assert.True(decision.AdPersonalizationDenied);
        Assert.False(decision.LimitedDataUse);
        Assert.Contains("ad_personalization denied", decision.Reason);
    }

    [Theory]
    [InlineData("meta", "Meta LDU")]
    [InlineData("tiktok", "TikTok limited_data_use")]
    [InlineData("snapchat", "Snapchat LDU")]
    public void Us_opt_out_is_sent_with_limited_data_use_to_meta_tiktok_and_snapchat(string type, string expected)
    {
        var decision = Policy.Decide(new ConsentState { SaleOfDataOptOut = true }, type, "US");

        Assert.True(decision.Send);
        Assert.True(decision.LimitedDataUse);
        Assert.Contains(expected, decision.Reason);
    }

    [Theory]
    [InlineData("google_ads")]
    [InlineData("ga4")]
    [InlineData("outbox")]
    [InlineData("pinterest")]
    public void Us_opt_out_suppresses_every_other_destination(string type)
    {
        var decision = Policy.Decide(new ConsentState { SaleOfDataOptOut = true }, type, "US");

        Assert.False(decision.Send);
        Assert.Equal($"consent: US sale/share opt-out; {type} has no limited-data mode", decision.Reason);
    }

    [Theory]
    [InlineData("DE", "EEA")]
    [InlineData("NO", "EEA")]
    [InlineData("GB", "UK")]
    [InlineData("CH", "CH")]
    public void Unknown_consent_is_denied_in_opt_in_regions(string country, string region)
    {
        Assert.Equal(region, Policy.RegionOf(country));

        var decision = Policy.Decide(null, "meta", Policy.RegionOf(country));

        Assert.False(decision.Send);
        Assert.Equal($"consent: unknown, region {region} denies unknown", decision.Reason);
    }

    [Theory]
    [InlineData("US", "US")]
    [InlineData("BR", "OTHER")]
    [InlineData("jp", "OTHER")]
    public void Unknown_consent_is_allowed_elsewhere(string country, string region)
    {
        var decision = Policy.Decide(null, "google_ads", Policy.RegionOf(country));

        Assert.True(decision.Send);
        Assert.Equal($"consent: unknown, region {region} allows unknown", decision.Reason);
    }

    [Fact]
    public void Signals_about_other_things_do_not_make_ad_consent_known()
    {
        var decision = Policy.Decide(new ConsentState { AnalyticsStorage = "granted", SaleOfDataOptOut = false }, "meta", "EEA");

        Assert.False(decision.Send);
        Assert.Contains("unknown", decision.Reason);
    }

    [Fact]
    public void Regions_and_unknown_defaults_are_settings()
    {
        var options = new ConsentOptions
        {
            Regions = { ["US"] = "EEA", ["BR"] = "LGPD" },
            UnknownDefault = { ["EEA"] = "allow" },
        };
        var policy = new ConsentPolicy(options, "DE");

        Assert.Equal("EEA", policy.RegionOf("US"));
        Assert.True(policy.Decide(null, "meta", "EEA").Send);
        Assert.False(policy.Decide(null, "meta", policy.RegionOf("BR")).Send);
    }

    [Fact]
    public void An_unknown_country_takes_the_shops_region_unless_configured()
    {
        Assert.Equal("EEA", new ConsentPolicy(new ConsentOptions(), "FR").RegionOf(null));
        Assert.Equal("US", new ConsentPolicy(new ConsentOptions(), "US").RegionOf(""));
        Assert.Equal("EEA", new ConsentPolicy(new ConsentOptions { UnknownCountryRegion = "eea" }, "US").RegionOf(null));
    }

    [Fact]
    public void Granted_consent_is_sent_without_flags()
    {
        var decision = Policy.Decide(Granted, "meta", "EEA");

        Assert.Equal(new ConsentDecision { Send = true, Reason = "consent: granted" }, decision);
    }

    [Fact]
    public void The_shipped_eea_list_has_the_27_eu_states_and_iceland_liechtenstein_norway() =>
        Assert.Equal(30, ConsentRegions.EeaCountries.Distinct().Count());

    [Fact]
    public void A_destination_can_take_another_types_consent_treatment()
    {
        var outbox = new Pipeline.Configuration.DestinationOptions { Id = "o", Type = "outbox", Settings = { ["ConsentAs"] = "Meta" } };

        Assert.Equal("meta", ConsentTypes.For(outbox));
        Assert.Equal("outbox", ConsentTypes.For(new Pipeline.Configuration.DestinationOptions { Id = "p", Type = "outbox" }));
    }
}
