using System.Text.Json.Serialization;

namespace Pipeline.Match;

/// <summary>What the matcher found, kept with the delivery so an operator can see why identifiers were attached.</summary>
public sealed record MatchRecord
{
    /// <summary><c>visitor_id</c>, <c>click_id</c>, <c>identity</c> or <c>none</c>.</summary>
    [JsonPropertyName("rule")] public string Rule { get; init; } = "none";

    [JsonPropertyName("visitor_id")] public string? VisitorId { get; init; }

    /// <summary>Free-text notes: conflicts resolved, clicks rejected and why. Never PII.</summary>
    [JsonPropertyName("notes")] public IReadOnlyList<string>? Notes { get; init; }
}
