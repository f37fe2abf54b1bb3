using Pipeline.IntegrationTests.Fakes;

namespace Pipeline.IntegrationTests.Destinations;

/// <summary>One destination to configure on the test host, pointed at a fake platform.</summary>
public sealed record DestinationSpec(string Id, string Type, string Mode, IReadOnlyDictionary<string, string> Settings)
{
    public const string MetaPixel = "1234567890";
    public const string TikTokPixel = "C9FAKE";
    public const string GoogleCustomer = "123-456-7890";
    public const string GoogleLoginCustomer = "9876543210";
    public const string GooglePurchaseAction = "555";
    public const string Ga4MeasurementId = "G-TEST123";
    public const string Ga4ApiSecret = "ga4-secret";
    public const string TestEventCode = "TEST123";
    public const string PinterestAdAccount = "549755885175";
    public const string SnapchatPixel = "snap-pixel-1";

    public static DestinationSpec Meta(FakeMetaServer fake, string mode = "live") => new("meta-main", "meta", mode, new Dictionary<string, string>
    {
        ["BaseUrl"] = fake.BaseUrl,
        ["PixelId"] = MetaPixel,
        ["AccessToken"] = fake.AccessToken,
        ["TestEventCode"] = TestEventCode,
    });

    public static DestinationSpec TikTok(FakeTikTokServer fake, string mode = "live") => new("tiktok-main", "tiktok", mode, new Dictionary<string, string>
    {
        ["BaseUrl"] = fake.BaseUrl,
        ["PixelCode"] = TikTokPixel,
        ["AccessToken"] = fake.AccessToken,
        ["TestEventCode"] = TestEventCode,
    });

    public static DestinationSpec GoogleAds(FakeGoogleAdsServer fake, FakeGoogleOAuthServer oauth, string mode = "live") =>
        new("google-main", "google_ads", mode, new Dictionary<string, string>
        {
            ["BaseUrl"] = fake.BaseUrl,
            ["TokenUrl"] = oauth.TokenUrl,
            ["CustomerId"] = GoogleCustomer,
            ["LoginCustomerId"] = GoogleLoginCustomer,
            ["DeveloperToken"] = fake.DeveloperToken,
            ["ClientId"] = oauth.ClientId,
            ["ClientSecret"] = oauth.ClientSecret,
            ["RefreshToken"] = oauth.RefreshToken,
            ["ConversionActions"] = $"Purchase={GooglePurchaseAction}",
        });

    public static DestinationSpec Ga4(FakeGa4Server fake, string mode = "live") => new("ga4-main", "ga4", mode, new Dictionary<string, string>
    {
        ["BaseUrl"] = fake.BaseUrl,
        ["MeasurementId"] = Ga4MeasurementId,
        ["ApiSecret"] = Ga4ApiSecret,
    });

    public static DestinationSpec Pinterest(FakePinterestServer fake, string mode = "live") => new("pinterest-main", "pinterest", mode, new Dictionary<string, string>
    {
        ["BaseUrl"] = fake.BaseUrl,
        ["AdAccountId"] = PinterestAdAccount,
        ["AccessToken"] = fake.AccessToken,
    });

    public static DestinationSpec Snapchat(FakeSnapchatServer fake, string mode = "live") => new("snapchat-main", "snapchat", mode, new Dictionary<string, string>
    {
        ["BaseUrl"] = fake.BaseUrl,
        ["PixelId"] = SnapchatPixel,
        ["AccessToken"] = fake.AccessToken,
    });
    /// <summary>Host settings for these destinations, with a one-second first retry so retries happen within a test.</summary>
    public static Dictionary<string, string?> HostSettings(params DestinationSpec[] destinations)
    {
        var settings = new Dictionary<string, string?> { ["Pipeline:Retry:InitialDelay"] = "00:00:01" };
        for (var i = 0; i < destinations.Length; i++)
        {
            var d = destinations[i];
            settings[$"Pipeline:Destinations:{i}:Id"] = d.Id;
            settings[$"Pipeline:Destinations:{i}:Type"] = d.Type;
            settings[$"Pipeline:Destinations:{i}:Mode"] = d.Mode;
            foreach (var (key, value) in d.Settings) settings[$"Pipeline:Destinations:{i}:Settings:{key}"] = value;
        }
        return settings;
    }
}
