using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Destinations;

/// <summary>Snapchat Conversions API v3 behind the standalone host, against the fake Snap endpoint.</summary>
public sealed class SnapchatDestinationTests
{
    private const string Destination = "snapchat-main";
    private const string ScClickId = "a1b2c3d4-snap-click";

    private const string PurchaseBody = """
        {
          "data": [
            {
              "event_name": "PURCHASE",
              "event_time": {{event_time}},
              "event_id": "{{event_id}}",
              "action_source": "WEB",
              "event_source_url": "https://shop.example/checkout/thank-you",
              "user_data": {
                "em": [ "6a6c26195c3682faa816966af789717c3bfa834eee6c599d667d2b3429c27cfd" ],
                "client_ip_address": "203.0.113.7",
                "client_user_agent": "Mozilla/5.0 (test)",
                "sc_click_id": "a1b2c3d4-snap-click"
              },
              "custom_data": { "currency": "EUR", "value": "249.00", "order_id": "58213" }
            }
          ]
        }
        """;

    private static Dictionary<string, object?> Purchase()
    {
        var purchase = PlatformEvents.Purchase();
        purchase["click_ids"] = new Dictionary<string, string> { ["ScCid"] = ScClickId };
        return purchase;
    }

    [Fact]
    public async Task Purchase_reaches_Snapchat_with_the_exact_body_and_token_and_is_delivered()
    {
        await using var snap = await FakeSnapchatServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Snapchat(snap)));
        var purchase = Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Equal(1, row.Attempts);
        var request = Assert.Single(snap.Requests);
        Assert.Equal($"/v3/{DestinationSpec.SnapchatPixel}/events", request.Path);
        Assert.Equal(snap.AccessToken, request.QueryParameter("access_token"));
        Golden.AssertBody(PurchaseBody, request.Body, purchase);
    }

    [Fact]
    public async Task A_400_from_Snapchat_is_dead_at_once_with_its_reason()
    {
        await using var snap = await FakeSnapchatServer.StartAsync();
        snap.EnqueueAnswer(400, FakeSnapchatServer.AnswerBody("INVALID", "invalid hashed email"));
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Snapchat(snap)));
        var purchase = Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Dead);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("invalid hashed email", row.LastError);
        Assert.Single(snap.Requests);
    }

    [Fact]
    public async Task A_429_from_Snapchat_is_retried_and_delivered_on_attempt_two()
    {
        await using var snap = await FakeSnapchatServer.StartAsync();
        snap.EnqueueAnswer(429, "", new Dictionary<string, string> { ["Retry-After"] = "1" });
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Snapchat(snap)));
        var purchase = Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Equal(2, row.Attempts);
        Assert.Equal(2, snap.Requests.Count);
    }

    [Fact]
    public async Task Test_mode_goes_to_the_validate_endpoint_and_says_nothing_was_recorded()
    {
        await using var snap = await FakeSnapchatServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Snapchat(snap, mode: "test")));
        var purchase = Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Contains("not recorded", row.Reason);
        Assert.Equal($"/v3/{DestinationSpec.SnapchatPixel}/events/validate", Assert.Single(snap.Requests).Path);
    }
}
