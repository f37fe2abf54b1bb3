using System.Text.Json.Nodes;
using Pipeline.Destinations;
using Pipeline.Destinations.Pinterest;
using Pipeline.Destinations.Platform;
using static Pipeline.UnitTests.Destinations.Pinterest.PinterestTestEvents;

namespace Pipeline.UnitTests.Destinations.Pinterest;

/// <summary>Pinterest takes up to 1,000 events in <c>data</c> and answers for each, in request order.</summary>
public sealed class PinterestBatchTests
{
    private static PlatformDestination<PinterestSettings> Destination() =>
        new("pinterest-main", new PinterestPlatform(), new(Settings(), null, null!, TimeSpan.FromSeconds(5), TimeProvider.System),
            DestinationMode.Live, null!);

    [Fact]
    public void A_batch_is_one_request_with_each_event_in_data_in_order()
    {
        var second = Purchase() with { EventId = "purchase_58214", OrderId = "58214" };
        var store = Purchase() with { EventId = "store_9", ActionSource = "physical_store" };

        var request = PinterestRequestBuilder.Build([(Purchase(), Target()), (second, Target()), (store, Target())], Settings());

        var data = JsonNode.Parse(request.Body!)!["data"]!.AsArray();
        Assert.Equal(["purchase_58213", "purchase_58214", "store_9"], data.Select(e => e!["event_id"]!.GetValue<string>()));
        Assert.Equal(["web", "web", "offline"], data.Select(e => e!["action_source"]!.GetValue<string>()));
    }

    [Fact]
    public void The_batch_limit_is_pinterests_thousand()
    {
        Assert.Equal(1000, new PinterestPlatform().MaxBatchSize);
        var tooMany = Enumerable.Range(0, 1001).Select(i => (Purchase() with { EventId = $"p{i}" }, Target())).ToList();

        Assert.Throws<ArgumentException>(() => PinterestRequestBuilder.Build(tooMany, Settings()));
    }

    [Fact]
    public void Test_and_live_never_share_a_batch_but_web_and_offline_do()
    {
        var destination = Destination();
        var web = new DeliveryRequest(Purchase(), Target(), 1);
        var store = new DeliveryRequest(Purchase() with { ActionSource = "physical_store" }, Target(), 1);
        var test = new DeliveryRequest(Purchase() with { Test = true }, Target(), 1);

        Assert.Equal(destination.BatchKey(web), destination.BatchKey(store));
        Assert.NotEqual(destination.BatchKey(web), destination.BatchKey(test));
    }
}
