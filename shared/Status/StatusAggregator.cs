using Pipeline.Ledger;
using Pipeline.Telemetry;

namespace Pipeline.Status;

/// <summary>Turns ledger rows and circuit states into the status report. Pure: values in, a report out.</summary>
public static class StatusAggregator
{
    /// <summary>Longest list shown (dead letters, retrying rows); the totals count them all.</summary>
    public const int MaxListed = 100;

    public const int MaxDedupExamples = 20;

    public static StatusReport Build(
        IEnumerable<LedgerEntry> rows,
        IEnumerable<CircuitRow> circuits,
        IEnumerable<string> configuredDestinations,
        DateTimeOffset now,
        int windowHours = 48)
    {
        var all = rows.ToList();
        var firstHour = StartOfHour(now).AddHours(-(windowHours - 1));
        var inWindow = all.Where(r => TimeOf(r) >= firstHour).ToList();

        var matchRows = inWindow.Where(r => r.Destination == DeliveryLedger.MatchRow).ToList();
        var matchByEvent = matchRows.GroupBy(r => r.EventId).ToDictionary(g => g.Key, g => g.First());
        var deliveryRows = inWindow.Where(IsDestinationRow).ToList();

        var destinationIds = configuredDestinations
            .Concat(deliveryRows.Select(r => r.Destination))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        var dead = all.Where(r => r.State == DeliveryState.Dead).OrderByDescending(r => r.UpdatedAt).ToList();
        var retrying = all.Where(r => r.State is DeliveryState.Retrying or DeliveryState.Failed)
            .OrderBy(r => r.NextAttemptAt ?? r.UpdatedAt).ToList();

        return new StatusReport
        {
            GeneratedAt = now,
            WindowHours = windowHours,
            Destinations = destinationIds
                .Select(id => Destination(id, deliveryRows.Where(r => r.Destination == id).ToList(), matchByEvent, firstHour, windowHours))
                .ToList(),
            DeadLetters = dead.Take(MaxListed).Select(ToDeadLetter).ToList(),
            DeadLetterTotal = dead.Count,
            Retrying = retrying.Take(MaxListed).Select(r => new PendingRetry
            {
                EventId = r.EventId,
                Destination = r.Destination,
                State = r.State,
                Attempts = r.Attempts,
                NextAttemptAt = r.NextAttemptAt,
                LastError = r.LastError,
            }).ToList(),
            RetryingTotal = retrying.Count,
            Paused = circuits
                .Where(c => !string.Equals(c.State, "closed", StringComparison.OrdinalIgnoreCase))
                .OrderBy(c => c.Destination, StringComparer.Ordinal)
                .Select(c => new PausedDestination(c.Destination, c.State, c.Reason))
                .ToList(),
            MatchRules = MatchRules(matchRows),
            Dedup = Dedup(matchRows),
        };
    }

    /// <summary>The rule named by a <c>~match</c> row: its MatchRule, else read from "matched by {rule}; …".</summary>
    public static string RuleOf(LedgerEntry matchRow)
    {
        if (!string.IsNullOrWhiteSpace(matchRow.MatchRule)) return matchRow.MatchRule;
        const string prefix = "matched by ";
        var reason = matchRow.Reason ?? "";
        if (!reason.StartsWith(prefix, StringComparison.Ordinal)) return "unknown";
        var rest = reason[prefix.Length..];
        var end = rest.IndexOfAny([';', ' ']);
        return end < 0 ? rest : rest[..end];
    }

    private static DestinationStatus Destination(
        string id, List<LedgerEntry> rows, Dictionary<string, LedgerEntry> matchByEvent, DateTimeOffset firstHour, int windowHours)
    {
        var delivered = new int[windowHours];
        var failed = new int[windowHours];
        foreach (var r in rows)
        {
            var bucket = (int)Math.Floor((TimeOf(r) - firstHour).TotalHours);
            if (bucket < 0 || bucket >= windowHours) continue;
            if (r.State == DeliveryState.Delivered) delivered[bucket]++;
            else if (r.State is DeliveryState.Dead or DeliveryState.Failed) failed[bucket]++;
        }

        return new DestinationStatus
        {
            Id = id,
            Delivered = rows.Count(r => r.State == DeliveryState.Delivered),
            Failed = rows.Count(r => r.State == DeliveryState.Failed),
            Retrying = rows.Count(r => r.State == DeliveryState.Retrying),
            Dead = rows.Count(r => r.State == DeliveryState.Dead),
            Skipped = rows.Count(r => r.State == DeliveryState.Skipped),
            Hours = Enumerable.Range(0, windowHours)
                .Select(i => new HourBucket(firstHour.AddHours(i), delivered[i], failed[i]))
                .ToList(),
            Coverage = Coverage(rows.Where(r => r.State == DeliveryState.Delivered), matchByEvent),
        };
    }

    private static CoverageSummary Coverage(IEnumerable<LedgerEntry> delivered, Dictionary<string, LedgerEntry> matchByEvent)
    {
        // A destination row may record what it sent; otherwise the event's own flags (kept on its ~match row) apply.
        var known = delivered
            .Select(r => r.Coverage ?? (matchByEvent.TryGetValue(r.EventId, out var m) ? m.Coverage : null))
            .Where(flags => flags is not null)
            .Select(IdentifierCoverage.Parse)
            .ToList();
        return new CoverageSummary
        {
            Events = known.Count,
            Identifiers = IdentifierCoverage.Names
                .Select(name =>
                {
                    var count = known.Count(c => c.Items().Any(i => i.Name == name && i.Present));
                    return new IdentifierShare(name, count, Share(count, known.Count));
                })
                .ToList(),
        };
    }

    private static IReadOnlyList<RuleShare> MatchRules(List<LedgerEntry> matchRows)
    {
        var handedOff = matchRows.Where(r => r.State == DeliveryState.Delivered).ToList();
        return handedOff
            .GroupBy(RuleOf, StringComparer.Ordinal)
            .Select(g => new RuleShare(g.Key, g.Count(), Share(g.Count(), handedOff.Count)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Rule, StringComparer.Ordinal)
            .ToList();
    }

    private static DedupCheck Dedup(List<LedgerEntry> matchRows)
    {
        var compared = 0;
        var agreeing = 0;
        var mismatches = new List<DedupMismatch>();
        var purchases = matchRows.Where(r =>
            !string.IsNullOrWhiteSpace(r.OrderId) && string.Equals(r.EventName, "Purchase", StringComparison.OrdinalIgnoreCase));
        foreach (var order in purchases.GroupBy(r => r.OrderId!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var browser = new SortedSet<string>(StringComparer.Ordinal);
            var server = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var row in order)
            {
                var sources = LedgerSources.Parse(LedgerSources.Add(row.Sources, row.Source ?? ""));
                if (sources.Contains(LedgerSources.Browser, StringComparer.OrdinalIgnoreCase)) browser.Add(row.EventId);
                if (sources.Any(LedgerSources.Server.Contains)) server.Add(row.EventId);
            }
            if (browser.Count == 0 || server.Count == 0) continue;
            compared++;
            if (browser.SetEquals(server)) agreeing++;
            else if (mismatches.Count < MaxDedupExamples) mismatches.Add(new DedupMismatch(order.Key, [.. browser], [.. server]));
        }
        return new DedupCheck
        {
            OrdersCompared = compared,
            Agreeing = agreeing,
            Mismatched = compared - agreeing,
            AgreeingShare = compared == 0 ? null : Share(agreeing, compared),
            Examples = mismatches,
        };
    }

    private static DeadLetterItem ToDeadLetter(LedgerEntry r) => new()
    {
        EventId = r.EventId,
        Destination = r.Destination,
        EventName = r.EventName,
        LastError = r.LastError,
        Reason = r.Reason,
        Attempts = r.Attempts,
        EventTime = DateTimeOffset.FromUnixTimeSeconds(r.EventTime),
        UpdatedAt = r.UpdatedAt,
        // Rows of unreadable messages and of events that never matched have no destination to replay to.
        Replayable = r.Payload is not null && IsDestinationRow(r),
    };

    private static bool IsDestinationRow(LedgerEntry r) => !r.EventId.StartsWith('~') && !r.Destination.StartsWith('~');

    private static DateTimeOffset TimeOf(LedgerEntry r) =>
        r.State == DeliveryState.Delivered && r.DeliveredAt is { } at ? at : r.UpdatedAt;

    private static DateTimeOffset StartOfHour(DateTimeOffset t)
    {
        var u = t.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero);
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
