using System.Text.Json.Serialization;

namespace Pipeline.Match;

/// <summary>What the matcher found, kept with the delivery so an operator can see why identifiers were attached.</summary>
public sealed record MatchRecord
{
    /// <summary><c>visitor_id</c>, <c>click_id</c>, <c>identity</c> or <c>none</c>: the strongest rule that found a visitor.</summary>
    [JsonPropertyName("rule")] public string Rule { get; init; } = MatchRules.None;

    /// <summary>The primary visitor: its cookies, IP/UA and external id were used.</summary>
    [JsonPropertyName("visitor_id")] public string? VisitorId { get; init; }

    /// <summary>Every visitor whose clicks could be attached, primary first.</summary>
    [JsonPropertyName("visitor_ids")] public IReadOnlyList<string>? VisitorIds { get; init; }

    /// <summary>Click family → the parameter attached for it.</summary>
    [JsonPropertyName("clicks")] public IReadOnlyDictionary<string, string>? Clicks { get; init; }

    /// <summary>The buyer's consent region (EEA, UK, US, OTHER, …).</summary>
    [JsonPropertyName("region")] public string? Region { get; init; }

    /// <summary>Free-text notes: conflicts resolved, clicks rejected and why, where consent came from. Never PII.</summary>
    [JsonPropertyName("notes")] public IReadOnlyList<string>? Notes { get; init; }
}
