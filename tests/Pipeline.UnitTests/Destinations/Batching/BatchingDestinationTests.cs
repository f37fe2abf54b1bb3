using Pipeline.Destinations;
using Pipeline.Events;

namespace Pipeline.UnitTests.Destinations.Batching;

/// <summary>The rules every batching platform shares (shared/Destinations/Batching).</summary>
public sealed class BatchingDestinationTests
{
    private static DeliveryRequest Request(string eventId, bool test = false) => new(
        new CanonicalEvent { EventName = "Purchase", EventTime = 1788264000, EventId = eventId, ActionSource = "website", Source = "shopify", Test = test },
        new DeliveryTarget { Destination = "scripted" },
        Attempt: 1);

    private static async Task<IReadOnlyList<DeliveryOutcome>> Deliver(ScriptedBatchDestination destination, params string[] ids) =>
        await destination.DeliverBatchAsync(ids.Select(id => Request(id)).ToList(), CancellationToken.None);

    [Fact]
    public async Task Valid_events_share_one_request_and_each_gets_its_outcome_in_order()
    {
        var destination = new ScriptedBatchDestination(maxBatchSize: 10);

        var outcomes = await Deliver(destination, "a", "b", "c");

        Assert.Equal([["a", "b", "c"]], destination.Sent);
        Assert.All(outcomes, o => Assert.Equal(DeliveryOutcomeKind.Delivered, o.Kind));
        Assert.All(outcomes, o => Assert.Equal("a,b,c", o.Request!.Body));
    }

    [Fact]
    public async Task An_invalid_event_gets_its_own_outcome_and_never_joins_the_request()
    {
        var destination = new ScriptedBatchDestination(maxBatchSize: 10);

        var outcomes = await Deliver(destination, "a", "invalid-b", "c");

        Assert.Equal([["a", "c"]], destination.Sent);
        Assert.Equal([DeliveryOutcomeKind.Delivered, DeliveryOutcomeKind.Permanent, DeliveryOutcomeKind.Delivered], outcomes.Select(o => o.Kind));
        Assert.Equal("invalid-b is invalid", outcomes[1].Detail);
        Assert.Null(outcomes[1].Request);
    }

    [Fact]
    public async Task Events_beyond_the_platform_limit_go_in_further_requests()
    {
        var destination = new ScriptedBatchDestination(maxBatchSize: 2);

        var outcomes = await Deliver(destination, "a", "b", "c", "d", "e");

        Assert.Equal([["a", "b"], ["c", "d"], ["e"]], destination.Sent);
        Assert.Equal(5, outcomes.Count(o => o.Kind == DeliveryOutcomeKind.Delivered));
    }

    [Fact]
    public async Task A_request_refused_as_a_whole_is_sent_again_event_by_event_so_only_the_culprit_fails()
    {
        var destination = new ScriptedBatchDestination(maxBatchSize: 10);

        var outcomes = await Deliver(destination, "a", "poison-b", "c");

        Assert.Equal([["a", "poison-b", "c"], ["a"], ["poison-b"], ["c"]], destination.Sent);
        Assert.Equal([DeliveryOutcomeKind.Delivered, DeliveryOutcomeKind.Permanent, DeliveryOutcomeKind.Delivered], outcomes.Select(o => o.Kind));
        // Each outcome shows the request that decided it: the one the event went out in alone.
        Assert.Equal(["a", "poison-b", "c"], outcomes.Select(o => o.Request!.Body));
    }

    [Fact]
    public async Task A_single_event_is_a_batch_of_one()
    {
        var destination = new ScriptedBatchDestination(maxBatchSize: 10);

        var outcome = await destination.DeliverAsync(Request("a"), CancellationToken.None);

        Assert.Equal([["a"]], destination.Sent);
        Assert.Equal(DeliveryOutcomeKind.Delivered, outcome.Kind);
    }

    [Fact]
    public void Test_and_live_events_never_share_a_batch_key()
    {
        var destination = new ScriptedBatchDestination(maxBatchSize: 10);

        Assert.NotEqual(destination.BatchKey(Request("a")), destination.BatchKey(Request("b", test: true)));
        Assert.Equal(destination.BatchKey(Request("a")), destination.BatchKey(Request("b")));
    }

    [Fact]
    public void In_test_mode_every_event_is_a_test_event()
    {
        var destination = new ScriptedBatchDestination(maxBatchSize: 10, DestinationMode.Test);

        Assert.Equal(destination.BatchKey(Request("a")), destination.BatchKey(Request("b", test: true)));
    }
}
