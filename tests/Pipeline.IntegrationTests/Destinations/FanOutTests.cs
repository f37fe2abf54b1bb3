using Azure.Data.Tables;
using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Destinations;

/// <summary>One event, several destinations: each outcome is its own, and a retry goes to its destination alone.</summary>
public sealed class FanOutTests
{
    [Fact]
    public async Task When_Meta_fails_and_TikTok_succeeds_only_Meta_is_sent_again()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        await using var tiktok = await FakeTikTokServer.StartAsync();
        meta.EnqueueAnswer(503, "");
        await using var host = await PipelineHost.StartAsync(
            DestinationSpec.HostSettings(DestinationSpec.Meta(meta), DestinationSpec.TikTok(tiktok)));
        var purchase = PlatformEvents.Purchase();
        var eventId = PlatformEvents.EventId(purchase);

        await host.PostEventAsync(purchase);

        var metaRow = await host.WaitForStateAsync(eventId, "meta-main", DeliveryState.Delivered);
        var tiktokRow = await host.WaitForStateAsync(eventId, "tiktok-main", DeliveryState.Delivered);
        Assert.Equal(2, metaRow.Attempts);
        Assert.Equal(1, tiktokRow.Attempts);
        Assert.Equal(2, meta.Requests.Count);
        Assert.Single(tiktok.Requests);
    }

    [Fact]
    public async Task A_permanent_failure_at_one_platform_does_not_hold_back_the_other()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        await using var ga4 = await FakeGa4Server.StartAsync();
        meta.EnqueueAnswer(400, FakeMetaServer.ErrorBody(100, "Invalid parameter"));
        await using var host = await PipelineHost.StartAsync(
            DestinationSpec.HostSettings(DestinationSpec.Meta(meta), DestinationSpec.Ga4(ga4)));
        var purchase = PlatformEvents.Purchase();
        var eventId = PlatformEvents.EventId(purchase);

        await host.PostEventAsync(purchase);

        await host.WaitForStateAsync(eventId, "meta-main", DeliveryState.Dead);
        await host.WaitForStateAsync(eventId, "ga4-main", DeliveryState.Delivered);
        Assert.Single(meta.Requests);
        Assert.Single(ga4.Requests);
    }

    [Fact]
    public async Task Every_platform_in_outbox_mode_records_its_own_request_with_secrets_redacted()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        await using var tiktok = await FakeTikTokServer.StartAsync();
        await using var oauth = await FakeGoogleOAuthServer.StartAsync();
        await using var ads = await FakeGoogleAdsServer.StartAsync();
        await using var ga4 = await FakeGa4Server.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(
            DestinationSpec.Meta(meta, "outbox"), DestinationSpec.TikTok(tiktok, "outbox"),
            DestinationSpec.GoogleAds(ads, oauth, "outbox"), DestinationSpec.Ga4(ga4, "outbox")));
        var purchase = PlatformEvents.Purchase();
        var eventId = PlatformEvents.EventId(purchase);

        await host.PostEventAsync(purchase);

        foreach (var destination in new[] { "meta-main", "tiktok-main", "google-main", "ga4-main" })
        {
            var row = await host.WaitForStateAsync(eventId, destination, DeliveryState.Delivered);
            Assert.Equal("recorded in outbox", row.Reason);
            var recorded = (await host.Table("outbox").GetEntityAsync<TableEntity>(destination, eventId)).Value;
            var all = recorded.GetString("Url") + recorded.GetString("Headers") + recorded.GetString("Body");
            Assert.Contains(PlatformEvents.EmailHash, all);
            foreach (var secret in new[] { meta.AccessToken, tiktok.AccessToken, ads.DeveloperToken, DestinationSpec.Ga4ApiSecret })
                Assert.DoesNotContain(secret, all);
        }
        Assert.Empty(meta.Requests);
        Assert.Empty(tiktok.Requests);
        Assert.Empty(ads.Requests);
        Assert.Empty(ga4.Requests);
        Assert.Equal(0, oauth.TokenRequestCount);
    }
}
