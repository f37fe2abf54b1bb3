using Pipeline.Destinations;
using Pipeline.Destinations.Batching;

namespace Pipeline.UnitTests.Destinations.Batching;

/// <summary>
/// A platform in memory for the shared batching rules: events whose id starts with "invalid" fail its checks, and a
/// request carrying an event whose id starts with "poison" is refused as a whole (as Meta and TikTok do).
/// </summary>
internal sealed class ScriptedBatchDestination(int maxBatchSize, DestinationMode mode = DestinationMode.Live)
    : BatchingDestination(mode, null!, TimeProvider.System)
{
    public override string Id => "scripted";
    public override string Type => "scripted";
    public override int MaxBatchSize => maxBatchSize;

    /// <summary>The event ids of each request sent, in order.</summary>
    public List<string[]> Sent { get; } = [];

    protected override DeliveryOutcome? Refusal(PreparedEvent e, DateTimeOffset now) =>
        e.Event.EventId.StartsWith("invalid", StringComparison.Ordinal) ? DeliveryOutcome.Permanent($"{e.Event.EventId} is invalid") : null;

    protected override OutgoingRequest BuildForOutbox(IReadOnlyList<PreparedEvent> events) => Build(events);

    protected override Task<BatchAnswer> ExchangeAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken)
    {
        var ids = events.Select(e => e.Event.EventId).ToArray();
        Sent.Add(ids);
        var poisoned = ids.Any(id => id.StartsWith("poison", StringComparison.Ordinal));
        var outcome = poisoned ? DeliveryOutcome.Permanent("invalid parameter") : DeliveryOutcome.Delivered($"{ids.Length} received");
        return Task.FromResult(BatchAnswer.ForAll(Build(events), outcome, ids.Length, BatchAnswer.BlamesTheBatch(outcome, ids.Length)));
    }

    private static OutgoingRequest Build(IReadOnlyList<PreparedEvent> events) =>
        new() { Url = "https://platform.example/events", Body = string.Join(',', events.Select(e => e.Event.EventId)) };
}
