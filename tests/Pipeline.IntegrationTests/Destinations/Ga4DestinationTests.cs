using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Destinations;

/// <summary>GA4 Measurement Protocol behind the standalone host, against the fake collection endpoints.</summary>
public sealed class Ga4DestinationTests
{
    private const string Destination = "ga4-main";

    private const string PurchaseBody = """
        {
          "client_id": "1234567890.1782900000",
          "timestamp_micros": {{event_time_micros}},
          "user_data": { "sha256_email_address": [ "6a6c26195c3682faa816966af789717c3bfa834eee6c599d667d2b3429c27cfd" ] },
          "events": [
            {
              "name": "purchase",
              "params": {
                "transaction_id": "58213",
                "value": 249.00,
                "currency": "EUR",
                "session_id": "1782906000",
                "engagement_time_msec": 1
              }
            }
          ]
        }
        """;

    [Fact]
    public async Task Purchase_reaches_GA4_with_the_exact_body_and_is_delivered()
    {
        await using var ga4 = await FakeGa4Server.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Ga4(ga4)));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Equal(1, row.Attempts);
        var request = Assert.Single(ga4.Requests);
        Assert.Equal("/mp/collect", request.Path);
        Assert.Equal(DestinationSpec.Ga4MeasurementId, request.MeasurementId);
        Assert.Equal(DestinationSpec.Ga4ApiSecret, request.ApiSecret);
        Golden.AssertBody(PurchaseBody, request.Body, purchase);
    }

    [Fact]
    public async Task A_500_is_retried_and_delivered_on_attempt_two()
    {
        await using var ga4 = await FakeGa4Server.StartAsync();
        ga4.EnqueueAnswer(500);
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Ga4(ga4)));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Equal(2, row.Attempts);
        Assert.Equal(2, ga4.Requests.Count);
    }

    [Fact]
    public async Task Test_mode_goes_to_the_debug_endpoint_and_records_its_validation_messages()
    {
        await using var ga4 = await FakeGa4Server.StartAsync();
        ga4.EnqueueValidationMessages(new FakeGa4Server.ValidationMessage("events[0].params.currency", "VALUE_INVALID", "Currency must be ISO 4217."));
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Ga4(ga4, mode: "test")));
        var purchase = PlatformEvents.Purchase();

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Dead);
        Assert.Contains("GA4 debug endpoint", row.LastError);
        Assert.Contains("VALUE_INVALID at events[0].params.currency: Currency must be ISO 4217.", row.LastError);
        var request = Assert.Single(ga4.Requests);
        Assert.True(request.Debug);
        Golden.AssertBody(PurchaseBody, request.Body, purchase);
    }

    [Fact]
    public async Task A_valid_test_order_is_validated_by_the_debug_endpoint_only()
    {
        await using var ga4 = await FakeGa4Server.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Ga4(ga4)));
        var purchase = PlatformEvents.Purchase(test: true);

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Delivered);
        Assert.Equal("GA4 debug endpoint: valid, not recorded", row.Reason);
        Assert.Equal("/debug/mp/collect", Assert.Single(ga4.Requests).Path);
    }

    [Fact]
    public async Task An_event_older_than_72_hours_is_dead_as_expired_without_calling_GA4()
    {
        await using var ga4 = await FakeGa4Server.StartAsync();
        await using var host = await PipelineHost.StartAsync(DestinationSpec.HostSettings(DestinationSpec.Ga4(ga4)));
        var purchase = PlatformEvents.Purchase(age: TimeSpan.FromHours(73));

        await host.PostEventAsync(purchase);

        var row = await host.WaitForStateAsync(PlatformEvents.EventId(purchase), Destination, DeliveryState.Dead);
        Assert.StartsWith("expired", row.LastError);
        Assert.Empty(ga4.Requests);
    }
}
