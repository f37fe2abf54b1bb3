using Pipeline.Destinations.Outbox;

namespace Pipeline.Destinations.Batching;

/// <summary>
/// What every batching platform shares: each event is checked alone before it may join a request (an invalid event
/// gets its own outcome and never spoils the others), the rest go out in chunks of <see cref="MaxBatchSize"/>, the
/// platform's answer is mapped back to each event, and a request the platform refused as a whole is sent again event
/// by event so that only the culprit fails. One event is a batch of one, so both paths send the same bytes.
/// </summary>
public abstract class BatchingDestination(DestinationMode mode, OutboxWriter outbox, TimeProvider time) : IBatchDestination
{
    public abstract string Id { get; }
    public abstract string Type { get; }
    public abstract int MaxBatchSize { get; }

    protected DestinationMode Mode => mode;
    protected TimeProvider Time => time;

    /// <summary>Test and live never share a request; a platform adds what else must agree across one request.</summary>
    public string BatchKey(DeliveryRequest request)
    {
        var target = Resolve(request);
        var own = PlatformBatchKey(new PreparedEvent(request.Event, target));
        return (target.Test ? "test" : "live") + (own is null ? "" : "|" + own);
    }

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken) =>
        (await DeliverBatchAsync([request], cancellationToken))[0];

    public async Task<IReadOnlyList<DeliveryOutcome>> DeliverBatchAsync(IReadOnlyList<DeliveryRequest> requests, CancellationToken cancellationToken)
    {
        var outcomes = new DeliveryOutcome[requests.Count];
        var joining = new List<(int Index, PreparedEvent Event)>();
        var now = time.GetUtcNow();
        for (var i = 0; i < requests.Count; i++)
        {
            var prepared = new PreparedEvent(requests[i].Event, Resolve(requests[i]));
            if (Refusal(prepared, now) is { } refused) outcomes[i] = refused;
            else joining.Add((i, prepared));
        }

        foreach (var chunk in joining.Chunk(Math.Max(1, MaxBatchSize)))
        {
            var sent = await SendAsync(chunk.Select(c => c.Event).ToList(), cancellationToken);
            for (var j = 0; j < chunk.Length; j++) outcomes[chunk[j].Index] = sent[j];
        }
        return outcomes;
    }

    /// <summary>Extra batch key parts (GA4: endpoint, client id, request-level fields), or null.</summary>
    protected virtual string? PlatformBatchKey(PreparedEvent e) => null;

    /// <summary>Why the event cannot go (Skipped or Permanent), or null when it may join a request.</summary>
    protected abstract DeliveryOutcome? Refusal(PreparedEvent e, DateTimeOffset now);

    /// <summary>The request for validated events that agree on their batch key (in outbox mode: what would be sent).</summary>
    protected abstract OutgoingRequest BuildForOutbox(IReadOnlyList<PreparedEvent> events);

    /// <summary>Sends one request for the events and reads the platform's answer per event.</summary>
    protected abstract Task<BatchAnswer> ExchangeAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken);

    /// <summary>A platform's note on a test delivery (validate-only, debug endpoint, test code).</summary>
    protected virtual DeliveryOutcome Annotate(DeliveryOutcome outcome, PreparedEvent e) => outcome;

    /// <summary>For an answer from a validate-only mode: says the event was checked, not recorded.</summary>
    public static DeliveryOutcome NotRecorded(DeliveryOutcome outcome, string accepted, string prefix) =>
        outcome.Kind == DeliveryOutcomeKind.Delivered
            ? outcome with { Detail = accepted }
            : outcome with { Detail = $"{prefix}: {outcome.Detail}" };

    private DeliveryTarget Resolve(DeliveryRequest request) =>
        request.Target with { Test = DestinationModes.IsTest(mode, request) };

    private async Task<IReadOnlyList<DeliveryOutcome>> SendAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken)
    {
        if (mode == DestinationMode.Outbox)
        {
            // One row per event, each holding the request the event went out in.
            var recorded = BuildForOutbox(events);
            foreach (var e in events) await outbox.WriteAsync(Id, e.Event.EventId, recorded, cancellationToken);
            var delivered = DeliveryOutcome.Delivered("recorded in outbox", recorded.Redacted());
            return events.Select(_ => delivered).ToList();
        }

        var answer = await ExchangeAsync(events, cancellationToken);
        if (answer.Outcomes.Count != events.Count)
            throw new InvalidOperationException($"{Id} mapped {answer.Outcomes.Count} outcomes for {events.Count} events");
        if (answer.RejectedWhole && events.Count > 1)
        {
            var alone = new List<DeliveryOutcome>(events.Count);
            foreach (var e in events) alone.AddRange(await SendAsync([e], cancellationToken));
            return alone;
        }

        var redacted = answer.Request?.Redacted();
        return answer.Outcomes.Select((o, i) => Annotate(o, events[i]) with { Request = redacted ?? o.Request }).ToList();
    }
}
