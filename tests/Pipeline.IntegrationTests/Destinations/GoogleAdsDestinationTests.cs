using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Destinations;

/// <summary>Google Ads offline conversions behind the standalone host, against the fake API and OAuth endpoint.</summary>
public sealed class GoogleAdsDestinationTests
{
    private const string Destination = "google-main";

    private const string PurchaseBody = """
        {
          "conversions": [
            {
              "gclid": "Cj0KCQjw-test-gclid",
              "conversionAction": "customers/1234567890/conversionActions/555",
              "conversionDateTime": "{{google_time}}",
              "conversionValue": 249.00,
              "currencyCode": "EUR",
              "orderId": "58213",
              "userIdentifiers": [ { "hashedEmail": "6a6c26195c3682faa816966af789717c3bfa834eee6c599d667d2b3429c27cfd" } ]
            }
          ],
          "partialFailure": true
        }
        """;

    [Fact]
    public async Task Purchase_is_uploaded_as_a_click_conversion_with_the_exact_body_and_headers()
    {
        await using var oauth = await FakeGoogleOAuthServer.StartAsync();
        await using var ads = await FakeGoogleAdsServer.StartAsync();
        ads.AcceptsAccessToken = oauth.IsValid;
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.GoogleAds(ads, oauth)));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Equal(1, row.Attempts);
        var request = Assert.Single(ads.Requests);
        Assert.Equal("/v26/customers/1234567890:uploadClickConversions", request.Path);
        Assert.Equal("Bearer ya29.fake-1", request.Headers["Authorization"]);
        Assert.Equal(ads.DeveloperToken, request.Headers["developer-token"]);
        Assert.Equal(DestinationSpec.GoogleLoginCustomer, request.Headers["login-customer-id"]);
        Golden.AssertBody(PurchaseBody, request.Body, purchase);
        Assert.Equal(1, oauth.TokenRequestCount);
    }

    [Fact]
    public async Task The_access_token_is_cached_across_deliveries()
    {
        await using var oauth = await FakeGoogleOAuthServer.StartAsync();
        await using var ads = await FakeGoogleAdsServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.GoogleAds(ads, oauth)));
        var first = PlatformEvents.Purchase();
        var second = PlatformEvents.Purchase();

        await host.PostEventAsync(first);
        await host.WaitForStateAsync(PlatformEvents.EventId(first), Destination, DeliveryState.Delivered);
        await host.PostEventAsync(second);
        await host.WaitForStateAsync(PlatformEvents.EventId(second), Destination, DeliveryState.Delivered);

        Assert.Equal(1, oauth.TokenRequestCount);
        Assert.All(ads.Requests, r => Assert.Equal("Bearer ya29.fake-1", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task A_401_refreshes_the_token_once_and_the_resend_is_delivered()
    {
        await using var oauth = await FakeGoogleOAuthServer.StartAsync();
        await using var ads = await FakeGoogleAdsServer.StartAsync();
        ads.AcceptsAccessToken = oauth.IsValid;
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.GoogleAds(ads, oauth)));
        var first = PlatformEvents.Purchase();
        await host.PostEventAsync(first);
        await host.WaitForStateAsync(PlatformEvents.EventId(first), Destination, DeliveryState.Delivered);
        // The cached token stops working before its announced expiry.
        oauth.RevokeAll();
        var second = PlatformEvents.Purchase();

        await host.PostEventAsync(second);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(second), Destination, DeliveryState.Delivered);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(2, oauth.TokenRequestCount);
        Assert.Equal(3, ads.Requests.Count);
        Assert.Equal("Bearer ya29.fake-1", ads.Requests[1].Headers["Authorization"]);
        Assert.Equal("Bearer ya29.fake-2", ads.Requests[2].Headers["Authorization"]);
        Assert.Equal(ads.Requests[1].Body, ads.Requests[2].Body);
    }

    [Fact]
    public async Task A_second_401_after_the_refresh_pauses_the_destination_until_a_probe_succeeds()
    {
        await using var oauth = await FakeGoogleOAuthServer.StartAsync();
        await using var ads = await FakeGoogleAdsServer.StartAsync();
        ads.EnqueueUnauthenticated();
        ads.EnqueueUnauthenticated();
        var settings = DestinationSpec.HostSettings(DestinationSpec.GoogleAds(ads, oauth));
        settings["Pipeline:Circuit:InitialProbeInterval"] = "00:00:01";
        await using var host = await PipelineHost.StartAsync(settings);
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        // Attempt 1: 401, one refresh, 401 again: no third try; the credentials failure opens the circuit.
        // The probe after the pause uses the fresh token and closes it.
        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Equal(2, oauth.TokenRequestCount);
        Assert.Equal(3, ads.Requests.Count);
        Assert.Equal("Bearer ya29.fake-2", ads.Requests[2].Headers["Authorization"]);
        Assert.NotNull(row.DeliveredAt);
    }

    [Fact]
    public async Task RESOURCE_EXHAUSTED_is_retried_after_Google_retry_delay_and_then_delivered()
    {
        await using var oauth = await FakeGoogleOAuthServer.StartAsync();
        await using var ads = await FakeGoogleAdsServer.StartAsync();
        ads.EnqueueRateLimited(TimeSpan.FromSeconds(2));
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.GoogleAds(ads, oauth)));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Equal(2, row.Attempts);
        Assert.Equal(2, ads.Requests.Count);
    }

    [Fact]
    public async Task TOO_RECENT_schedules_the_retry_six_hours_out()
    {
        await using var oauth = await FakeGoogleOAuthServer.StartAsync();
        await using var ads = await FakeGoogleAdsServer.StartAsync();
        ads.EnqueuePartialFailure((0, "TOO_RECENT_CONVERSION_ACTION"));
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.GoogleAds(ads, oauth)));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Retrying);
        Assert.Contains("TOO_RECENT_CONVERSION_ACTION", row.LastError);
        Assert.True(row.NextAttemptAt >= row.UpdatedAt + TimeSpan.FromHours(6) - TimeSpan.FromMinutes(1),
            $"next attempt {row.NextAttemptAt} after {row.UpdatedAt}");
    }

    [Fact]
    public async Task An_unparseable_gclid_is_dead_at_once_with_Google_error()
    {
        await using var oauth = await FakeGoogleOAuthServer.StartAsync();
        await using var ads = await FakeGoogleAdsServer.StartAsync();
        ads.EnqueuePartialFailure((0, "UNPARSEABLE_GCLID"));
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.GoogleAds(ads, oauth)));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Dead);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("UNPARSEABLE_GCLID: Fake failure UNPARSEABLE_GCLID.", row.LastError);
        Assert.Single(ads.Requests);
    }

    [Fact]
    public async Task Test_mode_uploads_with_validateOnly()
    {
        await using var oauth = await FakeGoogleOAuthServer.StartAsync();
        await using var ads = await FakeGoogleAdsServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.GoogleAds(ads, oauth, mode: "test")));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Equal("validateOnly: accepted, not recorded", row.Reason);
        Golden.AssertBody(PurchaseBody.TrimEnd()[..^1] + ", \"validateOnly\": true }", Assert.Single(ads.Requests).Body, purchase);
    }

    [Fact]
    public async Task A_refund_retracts_the_order_conversion()
    {
        await using var oauth = await FakeGoogleOAuthServer.StartAsync();
        await using var ads = await FakeGoogleAdsServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.GoogleAds(ads, oauth)));
        var refund = PlatformEvents.Refund();

        await host.PostEventAsync(refund);

        await host.WaitForStateAsync(PlatformEvents.EventId(refund), Destination, DeliveryState.Delivered);
        var request = Assert.Single(ads.Requests);
        Assert.Equal("/v26/customers/1234567890:uploadConversionAdjustments", request.Path);
        Golden.AssertBody("""
            {
              "conversionAdjustments": [
                {
                  "conversionAction": "customers/1234567890/conversionActions/555",
                  "adjustmentType": "RETRACTION",
                  "adjustmentDateTime": "{{google_time}}",
                  "orderId": "58213"
                }
              ],
              "partialFailure": true
            }
            """, request.Body, refund);
    }
}
