using System.Text.Json.Serialization;
using Pipeline.Destinations;
using Pipeline.Events;
using Pipeline.Match;

namespace Pipeline.Send;

/// <summary>
/// A message on the deliveries queue: a matched event and the destinations it goes to. A retry names exactly one
/// destination, so one platform's outage never re-sends to another.
/// </summary>
public sealed record DeliveryMessage
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("v")] public int Version { get; init; } = CurrentVersion;
    [JsonPropertyName("event")] public required CanonicalEvent Event { get; init; }
    [JsonPropertyName("targets")] public required IReadOnlyList<DeliveryTarget> Targets { get; init; }

    /// <summary>How many attempts were made before this message (0 for the first hand-off).</summary>
    [JsonPropertyName("attempts")] public int Attempts { get; init; }

    /// <summary>When the first attempt was made, Unix seconds; backoff stops at the platform's age limit.</summary>
    [JsonPropertyName("first_attempt")] public long? FirstAttempt { get; init; }

    /// <summary>How the matcher joined the event to a visitor.</summary>
    [JsonPropertyName("match")] public MatchRecord? Match { get; init; }

    /// <summary>Set on a replayed message: the operator's reason, kept in the ledger.</summary>
    [JsonPropertyName("replay")] public string? Replay { get; init; }
}
