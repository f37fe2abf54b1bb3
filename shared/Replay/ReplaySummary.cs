using System.Text.Json.Serialization;

namespace Pipeline.Replay;

/// <summary>What a replay found and did.</summary>
public sealed record ReplaySummary
{
    /// <summary>Most items listed in a summary; the counts always cover everything.</summary>
    public const int MaxListed = 200;

    [JsonPropertyName("dry_run")] public bool DryRun { get; init; }

    /// <summary>Dead rows the filter matched.</summary>
    [JsonPropertyName("matched")] public int Matched { get; init; }

    /// <summary>Put back on a queue (for a dry run: would be).</summary>
    [JsonPropertyName("enqueued")] public int Enqueued { get; init; }

    /// <summary>Matched but not replayable: no payload kept, unreadable, or replayed by a concurrent request.</summary>
    [JsonPropertyName("skipped")] public int Skipped { get; init; }

    [JsonPropertyName("items")] public IReadOnlyList<ReplayItem> Items { get; init; } = [];
}

/// <summary>One matched dead row and what the replay did with it.</summary>
public sealed record ReplayItem(
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("destination")] string Destination,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("last_error")] string? LastError);
