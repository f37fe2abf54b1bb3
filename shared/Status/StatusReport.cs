namespace Pipeline.Status;

/// <summary>What the status page shows, drawn from the ledger and the circuit table; also served as JSON.</summary>
public sealed record StatusReport
{
    public DateTimeOffset GeneratedAt { get; init; }
    public int WindowHours { get; init; }
    public IReadOnlyList<DestinationStatus> Destinations { get; init; } = [];

    /// <summary>Newest first, at most <see cref="StatusAggregator.MaxListed"/>; <see cref="DeadLetterTotal"/> counts them all.</summary>
    public IReadOnlyList<DeadLetterItem> DeadLetters { get; init; } = [];
    public int DeadLetterTotal { get; init; }

    /// <summary>Rows waiting for another attempt (retrying) or whose last attempt threw (failed).</summary>
    public IReadOnlyList<PendingRetry> Retrying { get; init; } = [];
    public int RetryingTotal { get; init; }

    /// <summary>Destinations whose circuit is open: sending is paused until it closes.</summary>
    public IReadOnlyList<PausedDestination> Paused { get; init; } = [];

    /// <summary>How events in the window were joined to a visitor.</summary>
    public IReadOnlyList<RuleShare> MatchRules { get; init; } = [];

    public DedupCheck Dedup { get; init; } = new();
}

/// <summary>One destination's numbers over the window.</summary>
public sealed record DestinationStatus
{
    public string Id { get; init; } = "";
    public int Delivered { get; init; }
    public int Failed { get; init; }
    public int Retrying { get; init; }
    public int Dead { get; init; }
    public int Skipped { get; init; }

    /// <summary>One bucket per hour, oldest first, covering the whole window.</summary>
    public IReadOnlyList<HourBucket> Hours { get; init; } = [];

    public CoverageSummary Coverage { get; init; } = new();
}

/// <summary>Delivered and failed (dead or threw) rows whose last change fell in one hour.</summary>
public sealed record HourBucket(DateTimeOffset Hour, int Delivered, int Failed);

/// <summary>Share of delivered events that carried each identifier.</summary>
public sealed record CoverageSummary
{
    /// <summary>Delivered events whose identifiers are known (the denominator).</summary>
    public int Events { get; init; }
    public IReadOnlyList<IdentifierShare> Identifiers { get; init; } = [];
}

public sealed record IdentifierShare(string Identifier, int Count, double Share);

/// <summary>A delivery that will not be tried again without an operator's replay.</summary>
public sealed record DeadLetterItem
{
    public string EventId { get; init; } = "";
    public string Destination { get; init; } = "";
    public string EventName { get; init; } = "";
    public string? LastError { get; init; }
    public string? Reason { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset EventTime { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The payload is still kept (not past retention), so a replay can resend it.</summary>
    public bool Replayable { get; init; }
}

public sealed record PendingRetry
{
    public string EventId { get; init; } = "";
    public string Destination { get; init; } = "";
    public string State { get; init; } = "";
    public int Attempts { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public string? LastError { get; init; }
}

public sealed record PausedDestination(string Destination, string State, string? Reason);

public sealed record RuleShare(string Rule, int Count, double Share);

/// <summary>
/// Do the browser and the server give a purchase the same event id? Platforms deduplicate on it; when they differ,
/// the purchase is counted twice.
/// </summary>
public sealed record DedupCheck
{
    /// <summary>Orders seen both from the browser and from a server source (shopify, stripe, api).</summary>
    public int OrdersCompared { get; init; }
    public int Agreeing { get; init; }
    public int Mismatched { get; init; }

    /// <summary>Agreeing / compared; null when nothing could be compared.</summary>
    public double? AgreeingShare { get; init; }

    public IReadOnlyList<DedupMismatch> Examples { get; init; } = [];
}

public sealed record DedupMismatch(string OrderId, IReadOnlyList<string> BrowserEventIds, IReadOnlyList<string> ServerEventIds);

/// <summary>A row of the circuit table as the status page reads it.</summary>
public sealed record CircuitRow(string Destination, string State, string? Reason);
