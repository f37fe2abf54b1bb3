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
    MatchEvidenceLoader loader,
    ConsentPolicy consent,
    ClickWindows windows,
    MatchOptions matchOptions,
    ConsentOptions consentOptions,
    PipelineMetrics metrics,
    TimeProvider time,
    ILogger<Matcher> logger)
{
    public async Task HandleAsync(string message, CancellationToken ct)
    {
        var envelope = Json.Deserialize<EventMessage>(message)
            ?? throw new InvalidDataException("Empty events message.");
        var evt = envelope.Event;
        if (string.IsNullOrWhiteSpace(evt.EventId)) evt = evt with { EventId = FallbackEventId.For(evt) };

        // One worker matches an event at a time, under a lease on its ~match row; a redelivered or duplicated message
        // finds the hand-off recorded (or held) and stops here.
        var taking = await leases.TakeAsync(evt.EventId, DeliveryLedger.MatchRow, DeliveryState.Matching, options.Leases.Delivery, row => new LedgerEntry
        {
            EventId = evt.EventId,
            Destination = DeliveryLedger.MatchRow,
            EventName = evt.EventName,
            Source = evt.Source,
            EventTime = evt.EventTime,
            Attempts = row?.Attempts ?? 0,
            Reason = row?.Reason,
            LastError = row?.LastError,
            Payload = row?.Payload,
            Sources = row?.Sources,
            CreatedAt = row?.CreatedAt ?? default,
            NextAttemptAt = row?.NextAttemptAt,
        }, expectAbsent: envelope.MatchAttempts == 0, ct,
            // Only a hand-off is final here: an event whose matching died may still be matched from another copy.
            isFinal: state => state == DeliveryState.Delivered);
        if (taking.FinalRow is not null)
        {
            // The same event id from a second source (browser and webhook agreeing) is what platforms deduplicate:
            // it is recorded for the status page's dedup check, and not sent again.
            await ledger.NoteSourceAsync(evt.EventId, evt.Source, ct);
            logger.LogInformation("Event {EventId} already handed off; copy from {Source} not sent again", evt.EventId, evt.Source);
            return;
        }
        if (taking.Lease is not { } lease)
        {
            // Another worker is matching it: this copy looks again once that lease ends (and then only notes its source).
            var delay = taking.HeldUntil!.Value - time.GetUtcNow() + TimeSpan.FromSeconds(1);
            if (delay < TimeSpan.FromSeconds(1)) delay = TimeSpan.FromSeconds(1);
            await queues.Events.SendMessageAsync(Json.Serialize(envelope), visibilityTimeout: delay, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: ct);
            logger.LogInformation("Event {EventId} is being matched by another worker; copy from {Source} looks again in {Delay}", evt.EventId, evt.Source, delay);
            return;
        }

        try
        {
            await MatchUnderLeaseAsync(envelope, evt, lease, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Give the row back so the queue's retry need not wait the lease out (storage away: the lease ends on its own).
            try
            {
                await leases.CompleteAsync(lease, lease.Entry with { State = DeliveryState.Failed, LastError = $"{e.GetType().Name}: {e.Message}" });
            }
            catch (Exception release) when (release is not OutOfMemoryException)
            {
                logger.LogWarning("Event {EventId}: the hand-off lease could not be released ({Error}); it ends on its own", evt.EventId, release.GetType().Name);
            }
            throw;
        }
    }

    private async Task MatchUnderLeaseAsync(EventMessage envelope, CanonicalEvent evt, LedgerLease lease, CancellationToken ct)
    {
        var handoff = lease.Previous;

        if (evt.Source == "browser" && envelope.MatchAttempts == 0 && matchOptions.BrowserConversionDelaySeconds > 0
            && MatchOptions.ServerReportedEvents.Contains(evt.EventName))
        {
            await WaitAsync(envelope with { Event = evt, MatchAttempts = 1 }, lease,
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
            await WaitAsync(envelope with { Event = evt, MatchAttempts = waited + 1 }, lease, $"waiting for browser data: {wait}",
                TimeSpan.FromSeconds(Math.Max(1, matchOptions.LateDataDelaySeconds)), ct);
            return;
        }

        var region = consent.RegionOf(evt.Country ?? primaryProfile?.Country);
        var original = await OriginalRowsAsync(evt, ct);
        var sent = new List<(DeliveryTarget Target, IReadOnlyDictionary<string, int> Windows, string Reason)>();
        var skipped = new List<(string Destination, string Reason)>();
        foreach (var (options, _) in destinations.Enabled)
        {
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

        foreach (var (destination, reason) in skipped) await RecordSkipAsync(evt, destination, reason, ct);

        // Destinations with the same click windows share one copy of the event; usually that is all of them.
        var baseNotes = resolution.Notes.Append(consentNote).Append($"region {region}").ToList();
        MatchRecord? summary = null;
        CanonicalEvent? sentEvent = null;
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
            var delivery = new DeliveryMessage { Event = enriched.Event, Targets = group.Select(s => s.Target).ToList(), Match = match };
            await queues.SendDeliveryAsync(Json.Serialize(delivery), null, ct);
        }
        summary ??= new MatchRecord
        {
            Rule = resolution.Rule,
            VisitorId = resolution.Primary,
            Region = region,
            Notes = baseNotes,
        };

        // Written after the enqueue: a crash in between hands off once more after the lease, and Send's lease absorbs it.
        var recorded = await leases.CompleteAsync(lease, new LedgerEntry
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
        });
        if (!recorded)
        {
            logger.LogWarning("Event {EventId}: the hand-off lease expired before it was recorded; the worker that took over records it", evt.EventId);
            return;
        }
        metrics.Matched(resolution.Rule);
        logger.LogInformation("Event {EventId} matched by {Rule}, handed to {Count} destination(s), {Skipped} skipped",
            evt.EventId, resolution.Rule, sent.Count, skipped.Count);
    }

    private async Task WaitAsync(EventMessage envelope, LedgerLease lease, string reason, TimeSpan delay, CancellationToken ct)
    {
        var evt = envelope.Event;
        // Written before the enqueue: a copy of this message that comes back sees the wait counted and goes on.
        if (!await leases.CompleteAsync(lease, new LedgerEntry
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
        }))
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

    private async Task RecordSkipAsync(CanonicalEvent evt, string destination, string reason, CancellationToken ct)
    {
        await ledger.TryAddAsync(new LedgerEntry
        {
            EventId = evt.EventId,
            Destination = destination,
            EventName = evt.EventName,
            State = DeliveryState.Skipped,
            Reason = reason,
            Source = evt.Source,
            EventTime = evt.EventTime,
        }, ct);
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
