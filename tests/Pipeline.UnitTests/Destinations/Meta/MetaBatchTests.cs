using System.Text.Json.Nodes;
using Pipeline.Destinations;
using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Meta;
using Pipeline.Destinations.Platform;
using static Pipeline.UnitTests.Destinations.Meta.MetaTestEvents;

namespace Pipeline.UnitTests.Destinations.Meta;

/// <summary>Meta takes up to 1,000 events in <c>data</c>; one invalid event refuses them all.</summary>
public sealed class MetaBatchTests
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    private static PlatformDestination<MetaSettings> Destination(DestinationMode mode = DestinationMode.Live) =>
        new("meta-main", new MetaPlatform(), new(WithTestCode(), null, null!, TimeSpan.FromSeconds(5), TimeProvider.System), mode, null!);

    private static MetaSettings WithTestCode()
    {
        var settings = Settings();
        settings.TestEventCode = "TEST123";
        return settings;
    }

    [Fact]
    public void A_batch_is_one_request_with_each_event_in_data_in_order()
    {
        var second = Purchase() with { EventId = "purchase_58214", OrderId = "58214" };

        var request = MetaRequestBuilder.Build([(Purchase(), Target()), (second, Target())], Settings());

        var data = JsonNode.Parse(request.Body!)!["data"]!.AsArray();
        Assert.Equal(["purchase_58213", "purchase_58214"], data.Select(e => e!["event_id"]!.GetValue<string>()));
    }

    [Fact]
    public void Test_and_live_events_have_different_batch_keys()
    {
        var destination = Destination();
        var live = new DeliveryRequest(Purchase(), Target(), 1);
        var test = new DeliveryRequest(Purchase() with { Test = true }, Target(), 1);

        Assert.NotEqual(destination.BatchKey(live), destination.BatchKey(test));
        Assert.Equal(MetaRequestBuilder.MaxEventsPerRequest, destination.MaxBatchSize);
    }

    [Fact]
    public void Every_event_received_delivers_the_batch_and_fewer_retries_it()
    {
        var all = MetaAnswerClassifier.Classify(200, NoHeaders, """{"events_received":3,"fbtrace_id":"T"}""", eventsSent: 3, Now);
        var some = MetaAnswerClassifier.Classify(200, NoHeaders, """{"events_received":2,"fbtrace_id":"T"}""", eventsSent: 3, Now);

        Assert.Equal(DeliveryOutcomeKind.Delivered, all.Kind);
        Assert.Equal(DeliveryOutcomeKind.Retry, some.Kind);
    }

    [Fact]
    public void An_invalid_parameter_error_on_a_batch_blames_the_batch_and_on_one_event_the_event()
    {
        var outcome = MetaAnswerClassifier.Classify(400, NoHeaders,
            """{"error":{"message":"Invalid parameter","code":100,"error_subcode":2804001,"fbtrace_id":"T"}}""", eventsSent: 3, Now);

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome.Kind);
        Assert.True(BatchAnswer.BlamesTheBatch(outcome, events: 3));
        Assert.False(BatchAnswer.BlamesTheBatch(outcome, events: 1));
    }

    [Fact]
    public void A_throttled_batch_is_retried_whole_not_split()
    {
        var outcome = MetaAnswerClassifier.Classify(400, NoHeaders,
            """{"error":{"message":"Application request limit reached","code":4,"is_transient":true}}""", eventsSent: 3, Now);

        Assert.Equal(DeliveryOutcomeKind.Retry, outcome.Kind);
        Assert.False(BatchAnswer.BlamesTheBatch(outcome, events: 3));
    }
}
