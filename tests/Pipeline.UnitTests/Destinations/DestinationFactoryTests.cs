using Microsoft.Extensions.Configuration;
using Pipeline.Configuration;
using Pipeline.Destinations;
using Pipeline.Destinations.Ga4;
using Pipeline.Destinations.GoogleAds;
using Pipeline.Destinations.Meta;
using Pipeline.Destinations.Pinterest;
using Pipeline.Destinations.Platform;
using Pipeline.Destinations.TikTok;
using static Pipeline.UnitTests.Destinations.DestinationOptionsBuilder;
using Pipeline.Destinations.Snapchat;

namespace Pipeline.UnitTests.Destinations;

/// <summary>Start-up validation: a destination that could never send refuses to start, naming what to fix.</summary>
public class DestinationFactoryTests
{
    // Creating a destination neither sends nor records, so the factories need no HTTP client or storage here.
    private static readonly PlatformDestinationFactory<MetaSettings> Meta = new(new MetaPlatform(), null!, null!, TimeProvider.System);
    private static readonly PlatformDestinationFactory<TikTokSettings> TikTok = new(new TikTokPlatform(), null!, null!, TimeProvider.System);
    private static readonly PlatformDestinationFactory<GoogleAdsSettings> GoogleAds = new(new GoogleAdsPlatform(), null!, null!, TimeProvider.System);
    private static readonly PlatformDestinationFactory<Ga4Settings> Ga4 = new(new Ga4Platform(), null!, null!, TimeProvider.System);
    private static readonly PlatformDestinationFactory<PinterestSettings> Pinterest = new(new PinterestPlatform(), null!, null!, TimeProvider.System);
    private static readonly PlatformDestinationFactory<SnapchatSettings> Snapchat = new(new SnapchatPlatform(), null!, null!, TimeProvider.System);

    [Fact]
    public void Meta_without_pixel_or_token_names_both_settings()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Meta.Create(Options("meta", "live")));

        Assert.Contains("'meta-main'", error.Message);
        Assert.Contains("missing Settings:PixelId", error.Message);
        Assert.Contains("missing Settings:AccessToken", error.Message);
        Assert.Contains("Pipeline__Destinations__<index>__Settings__<Name>", error.Message);
    }

    [Fact]
    public void Meta_with_pixel_and_token_starts_with_the_platform_age_limit()
    {
        var destination = Meta.Create(Options("meta", "live", ("PixelId", "123"), ("AccessToken", "t")));

        Assert.Equal("meta", destination.Type);
        Assert.Equal(TimeSpan.FromDays(7), Assert.IsAssignableFrom<IEventAgeLimit>(destination).MaxEventAge);
    }

    [Fact]
    public void Outbox_mode_needs_no_credentials()
    {
        Assert.NotNull(Meta.Create(Options("meta", "outbox", ("PixelId", "123"))));
        Assert.NotNull(TikTok.Create(Options("tiktok", "outbox", ("PixelCode", "C1"))));
        Assert.NotNull(Ga4.Create(Options("ga4", "outbox", ("MeasurementId", "G-1"))));
        Assert.NotNull(GoogleAds.Create(Options("google_ads", "outbox", ("CustomerId", "123-456-7890"), ("ConversionActionId", "9"))));
    }

    [Fact]
    public void Test_mode_needs_the_test_event_code()
    {
        var meta = Assert.Throws<InvalidOperationException>(() => Meta.Create(Options("meta", "test", ("PixelId", "1"), ("AccessToken", "t"))));
        var tiktok = Assert.Throws<InvalidOperationException>(() => TikTok.Create(Options("tiktok", "test", ("PixelCode", "C"), ("AccessToken", "t"))));

        Assert.Contains("missing Settings:TestEventCode (Mode is test)", meta.Message);
        Assert.Contains("missing Settings:TestEventCode (Mode is test)", tiktok.Message);
    }

    [Fact]
    public void An_unknown_mode_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Meta.Create(Options("meta", "dry-run", ("PixelId", "1"), ("AccessToken", "t"))));

        Assert.Contains("Mode 'dry-run' is not one of live, test, outbox", error.Message);
    }

    [Fact]
    public void A_misspelt_setting_is_refused_rather_than_ignored()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Meta.Create(Options("meta", "live", ("PixelId", "1"), ("AccessToken", "t"), ("TestEventKode", "TEST1"))));

        Assert.Contains("unknown setting Settings:TestEventKode", error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_with_its_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Meta.Create(Options("meta", "live", ("PixelId", "1"), ("AccessToken", "t"), ("Timeout", "soon"))));

        Assert.Contains("Timeout", error.Message);
    }

    [Fact]
    public void Secrets_never_appear_in_a_configuration_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            GoogleAds.Create(Options("google_ads", "live", ("CustomerId", "1234567890"), ("ConversionActionId", "9"),
                ("DeveloperToken", "dev-secret"), ("ServiceAccountJson", """{"type":"service_account","private_key":"key-secret"}"""))));

        Assert.Contains("client_email", error.Message);
        Assert.DoesNotContain("key-secret", error.Message);
        Assert.DoesNotContain("dev-secret", error.Message);
    }

    [Fact]
    public void TikTok_needs_an_event_source_and_a_token()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TikTok.Create(Options("tiktok", "live")));

        Assert.Contains("missing Settings:PixelCode", error.Message);
        Assert.Contains("missing Settings:AccessToken", error.Message);
    }

    [Fact]
    public void TikTok_age_limit_is_a_setting_with_seven_days_by_default()
    {
        var standard = TikTok.Create(Options("tiktok", "live", ("PixelCode", "C"), ("AccessToken", "t")));
        var shorter = TikTok.Create(Options("tiktok", "live", ("PixelCode", "C"), ("AccessToken", "t"), ("MaxEventAgeDays", "2")));

        Assert.Equal(TimeSpan.FromDays(7), ((IEventAgeLimit)standard).MaxEventAge);
        Assert.Equal(TimeSpan.FromDays(2), ((IEventAgeLimit)shorter).MaxEventAge);
    }

    [Fact]
    public void Pinterest_needs_an_ad_account_and_a_token()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Pinterest.Create(Options("pinterest", "live")));

        Assert.Contains("'pinterest-main'", error.Message);
        Assert.Contains("missing Settings:AdAccountId", error.Message);
        Assert.Contains("missing Settings:AccessToken", error.Message);
    }

    [Fact]
    public void Pinterest_in_outbox_mode_needs_no_token_and_its_test_mode_needs_nothing_more()
    {
        Assert.NotNull(Pinterest.Create(Options("pinterest", "outbox", ("AdAccountId", "549755885175"))));
        Assert.NotNull(Pinterest.Create(Options("pinterest", "test", ("AdAccountId", "549755885175"), ("AccessToken", "t"))));
    }

    [Fact]
    public void Pinterest_age_limit_is_seven_days_by_default_and_no_more()
    {
        var standard = Pinterest.Create(Options("pinterest", "live", ("AdAccountId", "1"), ("AccessToken", "t")));
        var shorter = Pinterest.Create(Options("pinterest", "live", ("AdAccountId", "1"), ("AccessToken", "t"), ("MaxEventAgeDays", "2")));
        var error = Assert.Throws<InvalidOperationException>(() =>
            Pinterest.Create(Options("pinterest", "live", ("AdAccountId", "1"), ("AccessToken", "t"), ("MaxEventAgeDays", "30"))));

        Assert.Equal("pinterest", standard.Type);
        Assert.Equal(TimeSpan.FromDays(7), ((IEventAgeLimit)standard).MaxEventAge);
        Assert.Equal(TimeSpan.FromDays(2), ((IEventAgeLimit)shorter).MaxEventAge);
        Assert.Contains("Settings:MaxEventAgeDays must be 1 to 7", error.Message);
    }

    [Fact]
    public void Ga4_needs_measurement_id_and_api_secret_and_keeps_72_hours()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Ga4.Create(Options("ga4", "live")));
        var ga4 = Ga4.Create(Options("ga4", "live", ("MeasurementId", "G-1"), ("ApiSecret", "s")));

        Assert.Contains("missing Settings:MeasurementId", error.Message);
        Assert.Contains("missing Settings:ApiSecret", error.Message);
        Assert.Equal(TimeSpan.FromHours(72), ((IEventAgeLimit)ga4).MaxEventAge);
    }

    [Fact]
    public void Google_Ads_needs_customer_action_developer_token_and_oauth_credentials()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GoogleAds.Create(Options("google_ads", "live", ("CustomerId", "12"))));

        Assert.Contains("CustomerId must be a 10-digit", error.Message);
        Assert.Contains("missing Settings:ConversionActionId or Settings:ConversionActions", error.Message);
        Assert.Contains("missing Settings:DeveloperToken", error.Message);
        Assert.Contains("ServiceAccountJson or ClientId, ClientSecret and RefreshToken", error.Message);
    }

    [Fact]
    public void Google_Ads_takes_conversion_actions_as_name_value_pairs_and_the_click_window_as_age_limit()
    {
        var destination = GoogleAds.Create(Options("google_ads", "live",
            ("CustomerId", "123-456-7890"), ("ConversionActions", "Purchase=111, Lead=222"), ("DeveloperToken", "d"),
            ("ClientId", "c"), ("ClientSecret", "s"), ("RefreshToken", "r"), ("ClickWindowDays", "30")));

        Assert.Equal(TimeSpan.FromDays(30), ((IEventAgeLimit)destination).MaxEventAge);
    }

    [Fact]
    public void Google_Ads_refuses_a_malformed_conversion_action_pair()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GoogleAds.Create(Options("google_ads", "outbox",
            ("CustomerId", "1234567890"), ("ConversionActions", "Purchase"))));

        Assert.Contains("Settings:ConversionActions entry 'Purchase' is not Name=Value", error.Message);
    }

    [Fact]
    public void Settings_bind_from_app_settings_keys_case_insensitively()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:Destinations:0:Id"] = "meta-main",
            ["Pipeline:Destinations:0:Type"] = "meta",
            ["Pipeline:Destinations:0:Settings:pixelid"] = "555",
            ["Pipeline:Destinations:0:Settings:AccessToken"] = "t",
            ["Pipeline:Destinations:0:Settings:ApiVersion"] = "v27.0",
            ["Pipeline:Destinations:0:Settings:Timeout"] = "00:00:05",
        }).Build();
        var options = configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>()!;

        var binder = new DestinationSettingsBinder(options.Destinations[0]);
        var settings = binder.Bind<MetaSettings>();

        Assert.Equal("555", settings.PixelId);
        Assert.Equal("v27.0", settings.ApiVersion);
        Assert.Equal(TimeSpan.FromSeconds(5), binder.Http.Timeout);
        Assert.Equal(DestinationMode.Live, binder.Mode);
    }

    [Fact]
    public void Snapchat_needs_a_pixel_and_a_token()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Snapchat.Create(Options("snapchat", "live")));

        Assert.Contains("missing Settings:PixelId", error.Message);
        Assert.Contains("missing Settings:AccessToken", error.Message);
    }

    [Fact]
    public void Snapchat_in_outbox_or_test_mode_needs_no_more_than_its_pixel()
    {
        Assert.NotNull(Snapchat.Create(Options("snapchat", "outbox", ("PixelId", "p"))));
        // The validate endpoint is its test mode: no test code to configure.
        Assert.NotNull(Snapchat.Create(Options("snapchat", "test", ("PixelId", "p"), ("AccessToken", "t"))));
    }

    [Fact]
    public void Snapchat_age_limit_is_seven_days_by_default_and_at_most_37()
    {
        var standard = Snapchat.Create(Options("snapchat", "live", ("PixelId", "p"), ("AccessToken", "t")));
        var longest = Snapchat.Create(Options("snapchat", "live", ("PixelId", "p"), ("AccessToken", "t"), ("MaxEventAgeDays", "37")));
        var error = Assert.Throws<InvalidOperationException>(() =>
            Snapchat.Create(Options("snapchat", "live", ("PixelId", "p"), ("AccessToken", "t"), ("MaxEventAgeDays", "38"))));

        Assert.Equal(TimeSpan.FromDays(7), ((IEventAgeLimit)standard).MaxEventAge);
        Assert.Equal(TimeSpan.FromDays(37), ((IEventAgeLimit)longest).MaxEventAge);
        Assert.Contains("Settings:MaxEventAgeDays must be 1 to 37 (Snapchat's limit)", error.Message);
    }

    [Fact]
    public void Snapchat_refuses_an_unknown_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Snapchat.Create(Options("snapchat", "live", ("PixelId", "p"), ("AccessToken", "t"), ("TestEventCode", "X"))));

        Assert.Contains("unknown setting Settings:TestEventCode", error.Message);
    }
}
