using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Destinations;

/// <summary>Pinterest Conversions API v5 behind the standalone host, against the fake Pinterest API.</summary>
public sealed class PinterestDestinationTests
{
    private const string Destination = "pinterest-main";
    private const string Epik = "dj0yJnU9fake-epik";

    private const string PurchaseBody = """
        {
          "data": [
            {
              "event_name": "checkout",
              "action_source": "web",
              "event_time": {{event_time}},
              "event_id": "{{event_id}}",
              "event_source_url": "https://shop.example/checkout/thank-you",
              "user_data": {
                "em": [ "6a6c26195c3682faa816966af789717c3bfa834eee6c599d667d2b3429c27cfd" ],
                "client_ip_address": "203.0.113.7",
                "client_user_agent": "Mozilla/5.0 (test)",
                "click_id": "dj0yJnU9fake-epik"
              },
              "custom_data": { "currency": "EUR", "value": "249.00", "order_id": "58213" }
            }
          ]
        }
        """;

    private static Dictionary<string, object?> PurchaseWithEpik()
    {
        var purchase = PlatformEvents.Purchase();
        purchase["click_ids"] = new Dictionary<string, string> { ["gclid"] = PlatformEvents.Gclid, ["epik"] = Epik };
        return purchase;
    }

    [Fact]
    public async Task Purchase_reaches_Pinterest_with_the_exact_body_and_bearer_token_and_is_delivered()
    {
        await using var pinterest = await FakePinterestServer.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Pinterest(pinterest)));
        var purchase = PurchaseWithEpik();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Equal(1, row.Attempts);
        var request = Assert.Single(pinterest.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v5/ad_accounts/{DestinationSpec.PinterestAdAccount}/events", request.Path);
        Assert.Equal($"Bearer {pinterest.AccessToken}", request.Headers["Authorization"]);
        Golden.AssertBody(PurchaseBody, request.Body, purchase);
        Assert.DoesNotContain("buyer@example.com", request.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pinterest_invalid_parameters_4196_is_dead_at_once_with_Pinterest_message()
    {
        await using var pinterest = await FakePinterestServer.StartAsync();
        pinterest.EnqueueAnswer(400, FakePinterestServer.ErrorBody(4196, "Invalid parameters"));
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Pinterest(pinterest)));
        var purchase = PurchaseWithEpik();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Dead);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("code=4196", row.LastError);
        Assert.Single(pinterest.Requests);
    }

    [Fact]
    public async Task Pinterest_503_is_retried_and_delivered_on_attempt_two()
    {
        await using var pinterest = await FakePinterestServer.StartAsync();
        pinterest.EnqueueAnswer(503, FakePinterestServer.ErrorBody(4197, "Service unavailable"));
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Pinterest(pinterest)));
        var purchase = PurchaseWithEpik();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Equal(2, row.Attempts);
        Assert.Equal(2, pinterest.Requests.Count);
    }

    [Fact]
    public async Task In_a_partly_failed_batch_only_the_event_Pinterest_fails_is_dead_and_nothing_is_sent_twice()
    {
        await using var pinterest = await FakePinterestServer.StartAsync();
        var settings = DestinationSpec.HostSettings(DestinationSpec.Pinterest(pinterest));
        settings["Pipeline:Delivery:BatchLinger"] = "00:00:02";
        await using var host = await PipelineHost.StartAsync(settings);
        var purchases = Enumerable.Range(0, 6).Select(_ => PurchaseWithEpik()).ToList();
        var bad = purchases[3];
        pinterest.FailEvent(PlatformEvents.EventId(bad), "Event time is too far in the past.");

        foreach (var response in await Task.WhenAll(purchases.Select(p => host.PostEventAsync(p))))
            Assert.True(response.IsSuccessStatusCode, $"POST /api/events answered {(int)response.StatusCode}");

        var dead = await host.WaitForStateAsync(PlatformEvents.EventId(bad), Destination, DeliveryState.Dead);
        Assert.Contains("Event time is too far in the past.", dead.LastError);
        foreach (var purchase in purchases.Where(p => p != bad))
        {
            var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
            Assert.Equal(1, row.Attempts);
        }
        Assert.Equal(purchases.Count, pinterest.EventsReceived);
        Assert.True(pinterest.Requests.Count < purchases.Count, $"{purchases.Count} events in {pinterest.Requests.Count} requests");
    }
}
