using System.Text;
using Microsoft.Extensions.Logging;
using Pipeline.Configuration;
using Pipeline.Destinations;
using Pipeline.Events;
using Pipeline.Ledger;
using Pipeline.Match.Clicks;
using Pipeline.Match.Consent;
using Pipeline.Send;
using Pipeline.Storage;
using Pipeline.Telemetry;

namespace Pipeline.Match;

/// <summary>
/// Stage two: takes an event from the events queue, joins it to its visitors, attaches their clicks and cookies,
/// decides per destination what consent and the event mapping allow, and hands it to the sender once.
/// </summary>
public sealed class Matcher(
    DestinationRegistry destinations,
    DeliveryLedger ledger,
    LedgerLeases leases,
    PipelineOptions options,
    PipelineQueues queues,
    Sender sender,
    DeliveryBatcher batcher,
    MatchEvidenceLoader loader,
    ConsentPolicy consent,
    ClickWindows windows,
    MatchOptions matchOptions,
    ConsentOptions consentOptions,
    PipelineMetrics metrics,
    TimeProvider time,
    ILogger<Matcher> logger)
{
    /// <summary>How long a send that threw during the hand-off waits on the deliveries queue before it is tried again.</summary>
    private static readonly TimeSpan FailedSendDelay = TimeSpan.FromSeconds(5);

    public async Task HandleAsync(string message, CancellationToken ct)
    {
        var envelope = Json.Deserialize<EventMessage>(message)
            ?? throw new InvalidDataException("Empty events message.");
        var evt = envelope.Event;
        if (string.IsNullOrWhiteSpace(evt.EventId)) evt = evt with { EventId = FallbackEventId.For(evt) };

        // One worker matches an event at a time, under a lease on its ~match row, taken in one write together with a
        // lease on each enabled destination's row (the hand-off sends to them itself). A redelivered or duplicated
        // message finds the hand-off recorded (or held) and stops here.
        var enabled = destinations.Enabled.Select(d => d.Options.Id).ToList();
        // From now until it sends, batches open for these destinations wait for this hand-off (DeliveryBatcher): in a
        // burst, every event taken off the queue together meets the others in one platform request.
        using var ticket = batcher.Expect(enabled);
        var rows = new List<LeaseRequest>
        {
            // Only a hand-off is final here: an event whose matching died may still be matched from another copy.
            new(DeliveryLedger.MatchRow, DeliveryState.Matching, row => MatchLeaseRow(evt, row), IsFinal: state => state == DeliveryState.Delivered),
        };
        rows.AddRange(enabled.Select(id => new LeaseRequest(id, DeliveryState.Sending, row => DestinationLeaseRow(evt, id, row))));
        var taking = await leases.TakeManyAsync(evt.EventId, rows, options.Leases.Delivery, expectAbsent: envelope.MatchAttempts == 0, gated: true, ct);
        if (taking[0].FinalRow is not null)
        {
            // The same event id from a second source (browser and webhook agreeing) is what platforms deduplicate:
            // it is recorded for the status page's dedup check, and not sent again.
            await ledger.NoteSourceAsync(evt.EventId, evt.Source, ct);
            logger.LogInformation("Event {EventId} already handed off; copy from {Source} not sent again", evt.EventId, evt.Source);
            return;
        }
        if (taking[0].Lease is not { } lease)
        {
            // Another worker is matching it: this copy looks again soon, not at the end of a lease the holder usually
            // gives up long before (and then only notes its source, or takes over from a holder that died).
            var delay = LeaseDeferral.Delay(taking[0].HeldUntil!.Value, time.GetUtcNow());
            await queues.Events.SendMessageAsync(Json.Serialize(envelope), visibilityTimeout: delay, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: ct);
            logger.LogInformation("Event {EventId} is being matched by another worker; copy from {Source} looks again in {Delay}", evt.EventId, evt.Source, delay);
            return;
        }
        // A destination row already final (sent before) or held (a retry under way) is not this hand-off's to send.
        var destinationLeases = new Dictionary<string, LedgerLease>(StringComparer.Ordinal);
        for (var i = 0; i < enabled.Count; i++)
            if (taking[i + 1].Lease is { } taken) destinationLeases[enabled[i]] = taken;

        ticket.SettleAllBut(destinationLeases.Keys);
        try
        {
            await MatchUnderLeaseAsync(envelope, evt, lease, destinationLeases, ticket, ct);
        }
        catch (Exception e)
        {
            // Give the rows back so the queue's retry need not wait the leases out, also when the listeners are being
            // restarted (an outage) and cancelled the hand-off; storage away, each is retried within its lease.
            try
            {
                await leases.CompleteManyAsync(destinationLeases.Values.Select(l => (l, Released(l)))
                    .Append((lease, lease.Entry with { State = DeliveryState.Failed, LastError = $"{e.GetType().Name}: {e.Message}" })).ToList());
            }
            catch (Exception release) when (release is not OutOfMemoryException)
            {
                logger.LogWarning("Event {EventId}: the hand-off leases could not be released ({Error}); they end on their own", evt.EventId, release.GetType().Name);
            }
            throw;
        }
    }

    /// <summary>The hand-off row as leased: a destination row's fields, plus the sources and the wait it keeps.</summary>
    private static LedgerEntry MatchLeaseRow(CanonicalEvent evt, LedgerEntry? row) =>
        DestinationLeaseRow(evt, DeliveryLedger.MatchRow, row) with { Sources = row?.Sources, NextAttemptAt = row?.NextAttemptAt };

    private static LedgerEntry DestinationLeaseRow(CanonicalEvent evt, string destination, LedgerEntry? row) => new()
    {
        EventId = evt.EventId,
        Destination = destination,
        EventName = evt.EventName,
        Source = evt.Source,
        EventTime = evt.EventTime,
        Attempts = row?.Attempts ?? 0,
        Reason = row?.Reason,
        LastError = row?.LastError,
        Payload = row?.Payload,
        CreatedAt = row?.CreatedAt ?? default,
    };

    /// <summary>A destination row given back unsent: as it was, or pending when it was new (or a crashed worker's lease).</summary>
    private static LedgerEntry Released(LedgerLease lease) => (lease.Previous ?? lease.Entry) with
    {
        State = lease.Previous is { State: var state } && !DeliveryState.IsLeased(state) ? state : DeliveryState.Pending,
        LeaseUntil = null,
        LeaseId = null,
    };

    private async Task MatchUnderLeaseAsync(EventMessage envelope, CanonicalEvent evt, LedgerLease lease,
        IReadOnlyDictionary<string, LedgerLease> destinationLeases, BatchTicket ticket, CancellationToken ct)
    {
        var handoff = lease.Previous;

        if (evt.Source == "browser" && envelope.MatchAttempts == 0 && matchOptions.BrowserConversionDelaySeconds > 0
            && MatchOptions.ServerReportedEvents.Contains(evt.EventName))
        {
            await WaitAsync(envelope with { Event = evt, MatchAttempts = 1 }, lease, destinationLeases,
                "a browser conversion waits for its server copy, which carries the order's hashed identifiers",
                TimeSpan.FromSeconds(matchOptions.BrowserConversionDelaySeconds), ct);
            return;
        }

        var evidence = await loader.LoadAsync(evt, ct);
        var resolution = VisitorResolver.Resolve(evt, evidence);
        var primaryProfile = resolution.Primary is { } p && evidence.Visitors.TryGetValue(p, out var record) ? record.Profile : null;
        var (consentState, consentNote) = ConsentAtConversion.Find(evt.Consent, resolution.Primary, primaryProfile, evt.EventTime,
            TimeSpan.FromSeconds(consentOptions.LateConsentToleranceSeconds));

        // A copy of this message may already have waited: the ledger row counts waits as well as the message.
        var waited = Math.Max(envelope.MatchAttempts, handoff?.State == DeliveryState.Pending ? handoff.Attempts : 0);
        var wait = LateData.WaitReason(resolution, evt.VisitorIds is { Count: > 0 }, consentState is not null,
            evt.EventTime, time.GetUtcNow(), waited, matchOptions);
        if (wait is not null)
        {
            await WaitAsync(envelope with { Event = evt, MatchAttempts = waited + 1 }, lease, destinationLeases, $"waiting for browser data: {wait}",
                TimeSpan.FromSeconds(Math.Max(1, matchOptions.LateDataDelaySeconds)), ct);
            return;
        }

        var region = consent.RegionOf(evt.Country ?? primaryProfile?.Country);
        var original = await OriginalRowsAsync(evt, ct);
        var sent = new List<(DeliveryTarget Target, IReadOnlyDictionary<string, int> Windows, string Reason)>();
        var skipped = new List<(string Destination, string Reason)>();
        foreach (var (options, _) in destinations.Enabled)
        {
            if (!destinationLeases.ContainsKey(options.Id)) continue;
            if (!EventMapping.TryMap(options, evt.EventName, out var platformName))
            {
                skipped.Add((options.Id, $"not mapped: event '{evt.EventName}' is not in this destination's event map"));
                continue;
            }
            if (original.TryGetValue(options.Id, out var originalState) && originalState is DeliveryState.Skipped or DeliveryState.Dead)
            {
                skipped.Add((options.Id, $"not sent: the event it corrects ({evt.OriginalEventId}) was {originalState} for this destination"));
                continue;
            }
            var decision = consent.Decide(consentState, ConsentTypes.For(options), region);
            if (!decision.Send)
            {
                skipped.Add((options.Id, decision.Reason));
                continue;
            }
            sent.Add((new DeliveryTarget
            {
                Destination = options.Id,
                EventName = platformName,
                LimitedDataUse = decision.LimitedDataUse,
                AdPersonalizationDenied = decision.AdPersonalizationDenied,
                Test = evt.Test || string.Equals(options.Mode, "test", StringComparison.OrdinalIgnoreCase),
            }, windows.For(options), decision.Reason));
        }


        ticket.SettleAllBut(sent.Select(s => s.Target.Destination));

        // Destinations with the same click windows share one copy of the event; usually that is all of them.
        var baseNotes = resolution.Notes.Append(consentNote).Append($"region {region}").ToList();
        MatchRecord? summary = null;
        CanonicalEvent? sentEvent = null;
        var handOffs = new List<Task<IReadOnlyList<Completion>>>();
        foreach (var group in sent.GroupBy(s => WindowKey(s.Windows)))
        {
            var enriched = EventEnricher.Enrich(evt, resolution, evidence, group.First().Windows, matchOptions);
            // The consent the decisions were made on is what each platform's consent fields are told.
            enriched = enriched with { Event = enriched.Event with { Consent = consentState } };
            var match = new MatchRecord
            {
                Rule = resolution.Rule,
                VisitorId = resolution.Primary,
                VisitorIds = resolution.Accepted.Count > 0 ? resolution.Accepted : null,
                Clicks = enriched.Clicks.Count > 0 ? enriched.Clicks : null,
                Region = region,
                Notes = baseNotes.Concat(enriched.Notes).ToList(),
            };
            summary ??= match;
            sentEvent ??= enriched.Event;
            var delivery = new DeliveryMessage
            {
                Event = enriched.Event,
                Targets = group.Select(s => s.Target).ToList(),
                Match = match,
                FirstAttempt = time.GetUtcNow().ToUnixTimeSeconds(),
            };
            handOffs.Add(sender.SendLeasedAsync(delivery, group.Select(s => (s.Target, destinationLeases[s.Target.Destination])).ToList(), ct, ticket));
        }
        var completions = (await Task.WhenAll(handOffs)).SelectMany(c => c).ToList();
        // A send that failed has no queue message of its own to go back to: it is retried from the deliveries queue,
        // put there before its row says failed.
        foreach (var failed in completions.Where(c => c.Resend is not null))
            await queues.SendDeliveryAsync(Json.Serialize(failed.Resend!), FailedSendDelay, ct);
        summary ??= new MatchRecord
        {
            Rule = resolution.Rule,
            VisitorId = resolution.Primary,
            Region = region,
            Notes = baseNotes,
        };

        // One write for the event's rows: each destination's outcome, each skip, and the hand-off itself, last, so that
        // written row by row (a lease had changed) a crash in between leaves the hand-off to be done again.
        var matchRow = new LedgerEntry
        {
            EventId = evt.EventId,
            Destination = DeliveryLedger.MatchRow,
            EventName = evt.EventName,
            State = DeliveryState.Delivered,
            Attempts = (handoff?.Attempts ?? 0) + 1,
            Reason = Describe(summary, sent.Select(s => (s.Target.Destination, s.Reason)), skipped),
            Source = evt.Source,
            EventTime = evt.EventTime,
            OrderId = evt.OrderId,
            MatchRule = resolution.Rule,
            Coverage = IdentifierCoverage.Of(sentEvent ?? evt).ToFlags(),
            Sources = handoff?.Sources,
            CreatedAt = lease.Entry.CreatedAt,
            DeliveredAt = time.GetUtcNow(),
        };
        var skips = skipped.Select(x => new Completion(destinationLeases[x.Destination],
            destinationLeases[x.Destination].Entry with { State = DeliveryState.Skipped, Reason = x.Reason, Payload = null }));
        await sender.RecordAsync(completions.Concat(skips)
            .Append(new Completion(lease, matchRow, () => metrics.Matched(resolution.Rule))).ToList());
        logger.LogInformation("Event {EventId} matched by {Rule}, handed to {Count} destination(s), {Skipped} skipped",
            evt.EventId, resolution.Rule, sent.Count, skipped.Count);
    }

    private async Task WaitAsync(EventMessage envelope, LedgerLease lease, IReadOnlyDictionary<string, LedgerLease> destinationLeases,
        string reason, TimeSpan delay, CancellationToken ct)
    {
        var evt = envelope.Event;
        var waiting = new LedgerEntry
        {
            EventId = evt.EventId,
            Destination = DeliveryLedger.MatchRow,
            EventName = evt.EventName,
            State = DeliveryState.Pending,
            Attempts = envelope.MatchAttempts,
            Reason = $"{reason}; matching again in {delay.TotalSeconds:0} s",
            Source = evt.Source,
            EventTime = evt.EventTime,
            Sources = lease.Previous?.Sources,
            CreatedAt = lease.Entry.CreatedAt,
            NextAttemptAt = time.GetUtcNow() + delay,
        };
        // Written before the enqueue: a copy of this message that comes back sees the wait counted and goes on.
        var written = await leases.CompleteManyAsync(destinationLeases.Values.Select(l => (l, Released(l))).Append((lease, waiting)).ToList());
        if (!written[^1])
        {
            logger.LogWarning("Event {EventId}: the hand-off lease expired before the wait was recorded; the worker that took over goes on", evt.EventId);
            return;
        }
        await queues.Events.SendMessageAsync(Json.Serialize(envelope), visibilityTimeout: delay, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: ct);
        logger.LogInformation("Event {EventId} waits {Delay}: {Reason}", evt.EventId, delay, reason);
    }

    /// <summary>For a refund or adjustment: the ledger state of the event it corrects, per destination.</summary>
    private async Task<IReadOnlyDictionary<string, string>> OriginalRowsAsync(CanonicalEvent evt, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(evt.OriginalEventId)) return new Dictionary<string, string>();
        var rows = await ledger.GetEventAsync(evt.OriginalEventId, ct);
        return rows.Where(r => r.Destination != DeliveryLedger.MatchRow).ToDictionary(r => r.Destination, r => r.State, StringComparer.Ordinal);
    }

    private static string WindowKey(IReadOnlyDictionary<string, int> windows) =>
        string.Join(',', windows.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key}={w.Value}"));

    /// <summary>The match row's reason: how the event was matched and every destination's decision.</summary>
    private static string Describe(MatchRecord match, IEnumerable<(string Destination, string Reason)> sent, IEnumerable<(string Destination, string Reason)> skipped)
    {
        var text = new StringBuilder($"matched by {match.Rule}");
        if (match.VisitorId is not null) text.Append($" (visitor {match.VisitorId})");
        text.Append($"; region {match.Region}");
        foreach (var (destination, reason) in sent) text.Append($"; {destination}: sent ({reason})");
        foreach (var (destination, reason) in skipped) text.Append($"; {destination}: skipped ({reason})");
        if (match.Clicks is { Count: > 0 } clicks) text.Append("; clicks: ").Append(string.Join(", ", clicks.Select(c => $"{c.Key}={c.Value}")));
        if (match.Notes is { Count: > 0 } notes) text.Append("; notes: ").Append(string.Join("; ", notes));
        return text.ToString();
    }
}
