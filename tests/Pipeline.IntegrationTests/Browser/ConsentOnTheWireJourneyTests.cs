using System.Net;
using System.Text.Json.Nodes;
using Pipeline.IntegrationTests.Foundation;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;
using Xunit.Abstractions;

namespace Pipeline.IntegrationTests.Browser;

/// <summary>
/// What each platform is told about consent, read from the bodies the platform fakes received: the visitor lands
/// from three ads in Chromium, consents through the snippet (or sends Global Privacy Control), and the purchase
/// arrives on the server API with the visitor id.
/// </summary>
public sealed class ConsentOnTheWireJourneyTests(ConsentJourneyHost fixture, ITestOutputHelper output) : IClassFixture<ConsentJourneyHost>
{
    // The Google tag's cookie, so GA4 has a client id; the visitor's analytics consent is what lets it be stored.
    private const string GaCookie = "document.cookie = '_ga=GA1.1.1234567890.1764400000; path=/';";
    private const string GlobalPrivacyControl = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });";

    [Fact]
    public async Task A_consenting_visitor_gives_google_ads_ad_user_data_granted_and_ga4_both_signals_granted()
    {
        if (!Available()) return;
        var (eventId, order) = await JourneyAsync("""
            pq.consent({ad_storage: 'granted', analytics_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted'})
            """, c => (string?)c["ad_personalization"] == "granted");

        var conversion = await GoogleConversionAsync(order);
        Assert.Equal("""{"adUserData":"GRANTED"}""", conversion["consent"]!.ToJsonString());
        Assert.Equal("""{"ad_user_data":"GRANTED","ad_personalization":"GRANTED"}""", (await Ga4BodyAsync(order))["consent"]!.ToJsonString());
        var rows = await fixture.FinalRowsAsync(eventId);
        Assert.All(ConsentJourneyHost.Destinations, d => Assert.Equal(DeliveryState.Delivered, rows[d].State));
    }

    [Fact]
    public async Task Ad_user_data_granted_and_personalization_denied_give_google_ads_ad_user_data_alone_and_ga4_personalization_denied()
    {
        if (!Available()) return;
        var (_, order) = await JourneyAsync("""
            pq.consent({ad_storage: 'granted', analytics_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'denied'})
            """, c => (string?)c["ad_personalization"] == "denied");

        var conversion = await GoogleConversionAsync(order);
        Assert.Equal("""{"adUserData":"GRANTED"}""", conversion["consent"]!.ToJsonString());
        Assert.Equal("""{"ad_user_data":"GRANTED","ad_personalization":"DENIED"}""", (await Ga4BodyAsync(order))["consent"]!.ToJsonString());
    }

    [Fact]
    public async Task A_us_visitor_with_global_privacy_control_gets_meta_ldu_and_tiktok_limited_data_use_and_nothing_else()
    {
        if (!Available()) return;
        var (eventId, _) = await JourneyAsync(null, c => (bool?)c["sale_of_data_opt_out"] == true, GlobalPrivacyControl);

        var meta = await PlatformEventAsync(() => fixture.Meta.Requests.Select(r => r.Body), eventId, "Meta");
        Assert.Equal("""["LDU"]""", meta["data_processing_options"]!.ToJsonString());
        Assert.Equal(0, (int)meta["data_processing_options_country"]!);
        Assert.Equal(0, (int)meta["data_processing_options_state"]!);
        var tiktok = await PlatformEventAsync(() => fixture.TikTok.Requests.Select(r => r.Body), eventId, "TikTok");
        Assert.True((bool)tiktok["limited_data_use"]!);

        var rows = await fixture.FinalRowsAsync(eventId);
        Assert.Equal("consent: US sale/share opt-out; google_ads has no limited-data mode", rows[ConsentJourneyHost.GoogleId].Reason);
        Assert.Equal("consent: US sale/share opt-out; ga4 has no limited-data mode", rows[ConsentJourneyHost.Ga4Id].Reason);
    }

    private bool Available()
    {
        if (HeadlessChromium.IsAvailable(out var reason)) return true;
        output.WriteLine("Skipped: " + reason);
        return false;
    }

    /// <summary>
    /// Lands in the US from three ads, runs the banner's consent call, waits for the collector to record it, then
    /// posts the purchase on the server API with the visitor id. Returns the event id and the order id.
    /// </summary>
    private async Task<(string EventId, string Order)> JourneyAsync(string? consentCall, Func<JsonNode, bool> recorded, string? initScript = null)
    {
        var clicks = AdClicks.New();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var (page, vid) = await fixture.LandAsync(chromium, "US", clicks, GaCookie + (initScript ?? ""));
        if (consentCall is not null) await page.EvaluateAsync("() => " + consentCall);
        await fixture.RecordedConsentAsync(vid, recorded, "the recorded consent");

        var order = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000).ToString();
        var body = EventBuilder.Purchase($"purchase_{order}");
        body["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        body["order_id"] = order;
        body["visitor_id"] = vid;
        body["country"] = "US";
        var response = await fixture.Host.PostEventAsync(body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return ($"purchase_{order}", order);
    }

    private Task<JsonNode> GoogleConversionAsync(string order) =>
        Eventually.Get(() => Task.FromResult(fixture.Google.Requests
            .SelectMany(r => r.Json?["conversions"]?.AsArray() ?? [])
            .FirstOrDefault(c => (string?)c?["orderId"] == order)), $"the Google Ads conversion of order {order}");

    private Task<JsonNode> Ga4BodyAsync(string order) =>
        Eventually.Get(() => Task.FromResult(fixture.Ga4.Requests
            .Select(r => JsonNode.Parse(r.Body))
            .FirstOrDefault(b => (string?)b?["events"]?[0]?["params"]?["transaction_id"] == order)), $"the GA4 request of order {order}");

    private static Task<JsonNode> PlatformEventAsync(Func<IEnumerable<string>> bodies, string eventId, string platform) =>
        Eventually.Get(() => Task.FromResult(bodies()
            .SelectMany(b => JsonNode.Parse(b)?["data"]?.AsArray() ?? [])
            .FirstOrDefault(e => (string?)e?["event_id"] == eventId)), $"the {platform} event {eventId}");
}
