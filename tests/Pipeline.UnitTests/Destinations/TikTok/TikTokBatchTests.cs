using System.Text.Json.Nodes;
using Pipeline.Destinations;
using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Platform;
using Pipeline.Destinations.TikTok;
using static Pipeline.UnitTests.Destinations.TikTok.TikTokTestEvents;

namespace Pipeline.UnitTests.Destinations.TikTok;

/// <summary>TikTok takes up to 1,000 events of one event source in <c>data</c>; one invalid event refuses them all.</summary>
public sealed class TikTokBatchTests
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    private static PlatformDestination<TikTokSettings> Destination() =>
        new("tiktok-main", new TikTokPlatform(), new(WithOfflineSource(), null, null!, TimeSpan.FromSeconds(5), TimeProvider.System),
            DestinationMode.Live, null!);

    private static TikTokSettings WithOfflineSource()
    {
        var settings = Settings();
        settings.OfflineEventSetId = "OFF1";
        return settings;
    }

    [Fact]
    public void A_batch_is_one_request_with_each_event_in_data_in_order()
    {
        var second = Purchase() with { EventId = "purchase_58214", OrderId = "58214" };

        var request = TikTokRequestBuilder.Build([(Purchase(), Target()), (second, Target())], Settings());

        var data = JsonNode.Parse(request.Body!)!["data"]!.AsArray();
        Assert.Equal(["purchase_58213", "purchase_58214"], data.Select(e => e!["event_id"]!.GetValue<string>()));
    }

    [Fact]
    public void Web_and_offline_events_never_share_a_batch_and_neither_do_test_and_live()
    {
        var destination = Destination();
        var web = new DeliveryRequest(Purchase(), Target(), 1);
        var store = new DeliveryRequest(Purchase() with { ActionSource = "physical_store" }, Target(), 1);
        var test = new DeliveryRequest(Purchase() with { Test = true }, Target(), 1);

        Assert.NotEqual(destination.BatchKey(web), destination.BatchKey(store));
        Assert.NotEqual(destination.BatchKey(web), destination.BatchKey(test));
        Assert.Equal(destination.BatchKey(web), destination.BatchKey(new DeliveryRequest(Purchase() with { EventId = "other" }, Target(), 1)));
    }

    [Fact]
    public void An_invalid_parameter_answer_on_a_batch_blames_the_batch()
    {
        var outcome = TikTokAnswerClassifier.Classify(200, NoHeaders, """{"code":40002,"message":"Invalid value for data[1]","request_id":"R"}""", Now);

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome.Kind);
        Assert.True(BatchAnswer.BlamesTheBatch(outcome, events: 2));
    }

    [Fact]
    public void A_rate_limited_batch_is_retried_whole_not_split()
    {
        var outcome = TikTokAnswerClassifier.Classify(200, NoHeaders, """{"code":40100,"message":"Too many requests","request_id":"R"}""", Now);

        Assert.False(BatchAnswer.BlamesTheBatch(outcome, events: 2));
    }
}
