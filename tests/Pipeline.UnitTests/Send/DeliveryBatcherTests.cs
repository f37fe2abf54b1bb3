using Microsoft.Extensions.Time.Testing;
using Pipeline.Configuration;
using Pipeline.Destinations;
using Pipeline.Events;
using Pipeline.Send;
using Pipeline.UnitTests.Destinations.Batching;
using Xunit;

namespace Pipeline.UnitTests.Send;

/// <summary>
/// How events meet in a batch: a batch waits for the sends announced before it opened, and for nobody else; a send
/// settled without joining releases it; the linger bounds the wait; a full batch leaves at once. The clock never moves
/// unless a test moves it, so "still waiting" is a fact, not a race.
/// </summary>
public class DeliveryBatcherTests
{
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedBatchDestination _platform;
    private readonly DeliveryBatcher _batcher;

    private static readonly TimeSpan BurstLinger = TimeSpan.FromSeconds(8);

    public DeliveryBatcherTests() : this(maxBatchSize: 100)
    {
    }

    private DeliveryBatcherTests(int maxBatchSize, int burstSends = 16)
    {
        _platform = new ScriptedBatchDestination(maxBatchSize);
        _batcher = new DeliveryBatcher(new PipelineOptions
        {
            Delivery = new DeliveryOptions { BatchLinger = Linger, BurstLinger = BurstLinger, BurstSends = burstSends },
        }, _time);
    }

    private Task<DeliveryOutcome> Send(string eventId, BatchTicket? ticket = null) =>
        _batcher.DeliverAsync(_platform, new DeliveryRequest(new CanonicalEvent { EventId = eventId, EventName = "Purchase" }, new DeliveryTarget { Destination = _platform.Id }, 1),
            alone: false, CancellationToken.None, ticket);

    // A bound on waiting for a result that must come, never a timing assertion.
    private static Task<T> Soon<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_lone_event_with_no_send_on_its_way_goes_at_once_without_waiting_out_the_linger()
    {
        var outcome = await Soon(Send("e1"));

        Assert.Equal(DeliveryOutcomeKind.Delivered, outcome.Kind);
        Assert.Equal([["e1"]], _platform.Sent);
    }

    [Fact]
    public async Task A_batch_waits_for_the_sends_announced_before_it_opened_and_leaves_when_they_joined()
    {
        using var first = _batcher.Expect([_platform.Id]);
        using var second = _batcher.Expect([_platform.Id]);

        var one = Send("e1", first);
        await Task.Yield();
        Assert.False(one.IsCompleted);
        var two = Send("e2", second);

        await Soon(Task.WhenAll(one, two));
        Assert.Equal([["e1", "e2"]], _platform.Sent);
    }

    [Fact]
    public async Task A_send_announced_and_then_settled_without_sending_releases_the_batch()
    {
        using var sending = _batcher.Expect([_platform.Id]);
        var skipping = _batcher.Expect([_platform.Id, "other-platform"]);

        var one = Send("e1", sending);
        await Task.Yield();
        Assert.False(one.IsCompleted);
        skipping.SettleAllBut(["other-platform"]);

        await Soon(one);
        Assert.Equal([["e1"]], _platform.Sent);
        skipping.Dispose();
    }

    [Fact]
    public async Task A_send_announced_after_the_batch_opened_is_not_waited_for()
    {
        using var sending = _batcher.Expect([_platform.Id]);
        var one = Send("e1", sending);
        using var late = _batcher.Expect([_platform.Id]);

        await Soon(one);
        Assert.Equal([["e1"]], _platform.Sent);
    }

    [Fact]
    public async Task The_linger_bounds_the_wait_for_a_send_that_never_comes()
    {
        using var sending = _batcher.Expect([_platform.Id]);
        using var stuck = _batcher.Expect([_platform.Id]);

        var one = Send("e1", sending);
        await Task.Yield();
        Assert.False(one.IsCompleted);
        _time.Advance(Linger);

        await Soon(one);
        Assert.Equal([["e1"]], _platform.Sent);
    }

    [Fact]
    public async Task A_full_batch_leaves_at_once_and_the_next_event_opens_another()
    {
        var batcher = new DeliveryBatcherTests(maxBatchSize: 2);
        var tickets = Enumerable.Range(0, 3).Select(_ => batcher._batcher.Expect([batcher._platform.Id])).ToList();

        var sends = tickets.Select((t, i) => batcher.Send($"e{i + 1}", t)).ToList();

        await Soon(Task.WhenAll(sends));
        Assert.Equal([["e1", "e2"], ["e3"]], batcher._platform.Sent);
        tickets.ForEach(t => t.Dispose());
    }

    [Fact]
    public async Task In_a_burst_a_batch_also_waits_for_sends_that_start_after_it_opened_until_none_is_on_its_way()
    {
        var burst = new DeliveryBatcherTests(maxBatchSize: 100, burstSends: 2);
        var id = burst._platform.Id;
        var (a, b, c) = (burst._batcher.Expect([id]), burst._batcher.Expect([id]), burst._batcher.Expect([id]));

        var sends = new List<Task<DeliveryOutcome>> { burst.Send("e1", a), burst.Send("e2", b) };
        var late = burst._batcher.Expect([id]);
        sends.Add(burst.Send("e3", c));
        await Task.Yield();
        Assert.DoesNotContain(sends, t => t.IsCompleted);
        sends.Add(burst.Send("e4", late));

        await Soon(Task.WhenAll(sends));
        Assert.Equal([["e1", "e2", "e3", "e4"]], burst._platform.Sent);
    }

    [Fact]
    public async Task In_a_burst_the_burst_linger_bounds_the_wait()
    {
        var burst = new DeliveryBatcherTests(maxBatchSize: 100, burstSends: 2);
        var id = burst._platform.Id;
        var tickets = Enumerable.Range(0, 3).Select(_ => burst._batcher.Expect([id])).ToList();

        var one = burst.Send("e1", tickets[0]);
        burst._time.Advance(Linger);
        await Task.Yield();
        Assert.False(one.IsCompleted);
        burst._time.Advance(BurstLinger - Linger);

        await Soon(one);
        Assert.Equal([["e1"]], burst._platform.Sent);
        tickets.ForEach(t => t.Dispose());
    }

    [Fact]
    public async Task A_burst_goes_on_after_a_big_batch_left_so_the_refill_waits_for_company()
    {
        var burst = new DeliveryBatcherTests(maxBatchSize: 100, burstSends: 2);
        var id = burst._platform.Id;
        var first = Enumerable.Range(0, 3).Select(_ => burst._batcher.Expect([id])).ToList();
        await Soon(Task.WhenAll(first.Select((t, i) => burst.Send($"e{i + 1}", t))));

        using var refill = burst._batcher.Expect([id]);
        var four = burst.Send("e4", refill);
        await Task.Yield();
        Assert.False(four.IsCompleted);
        using var next = burst._batcher.Expect([id]);
        var five = burst.Send("e5", next);

        await Soon(Task.WhenAll(four, five));
        Assert.Equal([["e1", "e2", "e3"], ["e4", "e5"]], burst._platform.Sent);
        first.ForEach(t => t.Dispose());
    }
}
