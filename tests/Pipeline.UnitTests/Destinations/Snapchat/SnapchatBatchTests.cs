using System.Text.Json.Nodes;
using Pipeline.Destinations;
using Pipeline.Destinations.Platform;
using Pipeline.Destinations.Snapchat;
using static Pipeline.UnitTests.Destinations.Snapchat.SnapchatTestEvents;

namespace Pipeline.UnitTests.Destinations.Snapchat;

/// <summary>Snap takes up to 2,000 events in <c>data</c> and answers for the request as a whole.</summary>
public sealed class SnapchatBatchTests
{
    private static PlatformDestination<SnapchatSettings> Destination() =>
        new("snapchat-main", new SnapchatPlatform(), new(Settings(), null, null!, TimeSpan.FromSeconds(5), TimeProvider.System), DestinationMode.Live, null!);

    [Fact]
    public void A_batch_is_one_request_with_each_event_in_data_in_order()
    {
        var second = Purchase() with { EventId = "purchase_58214", OrderId = "58214" };
        var third = Purchase() with { EventName = "AddToCart", EventId = "cart_1", OrderId = null };

        var request = SnapchatRequestBuilder.Build([(Purchase(), Target()), (second, Target()), (third, Target())], Settings());

        var data = JsonNode.Parse(request.Body!)!["data"]!.AsArray();
        Assert.Equal(["purchase_58213", "purchase_58214", "cart_1"], data.Select(e => e!["event_id"]!.GetValue<string>()));
        Assert.Equal(["PURCHASE", "PURCHASE", "ADD_CART"], data.Select(e => e!["event_name"]!.GetValue<string>()));
    }

    [Fact]
    public void The_batcher_fills_requests_up_to_Snaps_limit()
    {
        Assert.Equal(2000, Destination().MaxBatchSize);
        var events = Enumerable.Range(0, 2001).Select(i => (Purchase() with { EventId = $"p{i}" }, Target())).ToList();

        Assert.Throws<ArgumentException>(() => SnapchatRequestBuilder.Build(events, Settings()));
        Assert.NotNull(SnapchatRequestBuilder.Build(events.Take(2000).ToList(), Settings()));
    }

    [Fact]
    public void Test_and_live_events_have_different_batch_keys()
    {
        var destination = Destination();
        var live = new DeliveryRequest(Purchase(), Target(), 1);
        var test = new DeliveryRequest(Purchase() with { Test = true }, Target(), 1);

        Assert.NotEqual(destination.BatchKey(live), destination.BatchKey(test));
        Assert.Throws<ArgumentException>(() =>
            SnapchatRequestBuilder.Build([(Purchase(), Target()), (Purchase(), Target() with { Test = true })], Settings()));
    }
}
