using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Destinations;

/// <summary>TikTok Events API behind the standalone host, against the fake Business API.</summary>
public sealed class TikTokDestinationTests
{
    private const string Destination = "tiktok-main";

    private const string PurchaseBody = """
        {
          "event_source": "web",
          "event_source_id": "C9FAKE",
          "data": [
            {
              "event": "Purchase",
              "event_time": {{event_time}},
              "event_id": "{{event_id}}",
              "user": {
                "email": "6a6c26195c3682faa816966af789717c3bfa834eee6c599d667d2b3429c27cfd",
                "ip": "203.0.113.7",
                "user_agent": "Mozilla/5.0 (test)"
              },
              "properties": { "currency": "EUR", "value": 249.00, "order_id": "58213" },
              "page": { "url": "https://shop.example/checkout/thank-you" },
              "limited_data_use": false
            }
          ]
        }
        """;

    [Fact]
    public async Task Purchase_reaches_TikTok_with_the_exact_body_and_token_header_and_is_delivered()
    {
        await using var tiktok = await FakeTikTokServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.TikTok(tiktok)));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("request_id=FakeRequest", row.Reason);
        var request = Assert.Single(tiktok.Requests);
        Assert.Equal("/open_api/v1.3/event/track/", request.Path);
        Assert.Equal(tiktok.AccessToken, request.Headers["Access-Token"]);
        Golden.AssertBody(PurchaseBody, request.Body, purchase);
    }

    [Fact]
    public async Task TikTok_rate_limit_40100_is_retried_and_delivered_on_attempt_two()
    {
        await using var tiktok = await FakeTikTokServer.StartAsync();
        tiktok.EnqueueAnswer(200, FakeTikTokServer.AnswerBody(40100, "Too many requests"));
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.TikTok(tiktok)));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Equal(2, row.Attempts);
        Assert.Equal(2, tiktok.Requests.Count);
    }

    [Fact]
    public async Task TikTok_invalid_parameter_40002_is_dead_at_once_with_TikTok_message()
    {
        await using var tiktok = await FakeTikTokServer.StartAsync();
        tiktok.EnqueueAnswer(200, FakeTikTokServer.AnswerBody(40002, "Invalid value for event_source_id"));
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.TikTok(tiktok)));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Dead);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("code=40002", row.LastError);
        Assert.Contains("Invalid value for event_source_id", row.LastError);
        Assert.Single(tiktok.Requests);
    }

    [Fact]
    public async Task Test_mode_sends_the_test_event_code()
    {
        await using var tiktok = await FakeTikTokServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.TikTok(tiktok, mode: "test")));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        var golden = PurchaseBody.Replace("\"event_source_id\": \"C9FAKE\",", $"\"event_source_id\": \"C9FAKE\", \"test_event_code\": \"{DestinationSpec.TestEventCode}\",", StringComparison.Ordinal);
        Golden.AssertBody(golden, Assert.Single(tiktok.Requests).Body, purchase);
    }

    [Fact]
    public async Task An_event_older_than_the_age_limit_is_dead_as_expired_without_calling_TikTok()
    {
        await using var tiktok = await FakeTikTokServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.TikTok(tiktok)));
        var purchase = PlatformEvents.Purchase(age: TimeSpan.FromDays(8));

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Dead);
        Assert.StartsWith("expired", row.LastError);
        Assert.Empty(tiktok.Requests);
    }
}
