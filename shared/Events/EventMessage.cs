using System.Text.Json.Serialization;

namespace Pipeline.Events;

/// <summary>A message on the events queue: one canonical event, versioned.</summary>
public sealed record EventMessage
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("v")] public int Version { get; init; } = CurrentVersion;
    [JsonPropertyName("event")] public required CanonicalEvent Event { get; init; }

    /// <summary>How often the matcher already put this event back to wait for late browser data; absent = 0.</summary>
    [JsonPropertyName("match_attempts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int MatchAttempts { get; init; }
}
