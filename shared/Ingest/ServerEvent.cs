using System.Text.Json.Serialization;
using Pipeline.Events;
using Pipeline.Identity;

namespace Pipeline.Ingest;

/// <summary>One event as the server API accepts it: the canonical fields, with identifiers raw or pre-hashed.</summary>
public sealed record ServerEvent
{
    [JsonPropertyName("event_name")] public string? EventName { get; init; }
    [JsonPropertyName("event_time")] public long? EventTime { get; init; }
    [JsonPropertyName("event_id")] public string? EventId { get; init; }
    [JsonPropertyName("action_source")] public string? ActionSource { get; init; }
    [JsonPropertyName("event_source_url")] public string? EventSourceUrl { get; init; }
    [JsonPropertyName("referrer_url")] public string? ReferrerUrl { get; init; }
    [JsonPropertyName("value")] public decimal? Value { get; init; }
    [JsonPropertyName("currency")] public string? Currency { get; init; }
    [JsonPropertyName("order_id")] public string? OrderId { get; init; }
    [JsonPropertyName("original_event_id")] public string? OriginalEventId { get; init; }
    [JsonPropertyName("contents")] public IReadOnlyList<ContentItem>? Contents { get; init; }
    [JsonPropertyName("visitor_id")] public string? VisitorId { get; init; }
    [JsonPropertyName("click_ids")] public Dictionary<string, string>? ClickIds { get; init; }
    [JsonPropertyName("browser_ids")] public Dictionary<string, string>? BrowserIds { get; init; }
    [JsonPropertyName("user_data")] public RawUserData? UserData { get; init; }
    [JsonPropertyName("client_ip_address")] public string? ClientIpAddress { get; init; }
    [JsonPropertyName("client_user_agent")] public string? ClientUserAgent { get; init; }
    [JsonPropertyName("test")] public bool? Test { get; init; }
    [JsonPropertyName("consent")] public ConsentState? Consent { get; init; }
    [JsonPropertyName("country")] public string? Country { get; init; }
}

/// <summary>A batch: <c>{"events": [...]}</c>.</summary>
public sealed record ServerEventBatch
{
    [JsonPropertyName("events")] public IReadOnlyList<ServerEvent>? Events { get; init; }
}
