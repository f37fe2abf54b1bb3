using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Destinations.TikTok;

// The Events API 2.0 body exactly as TikTok documents it. Property order is declaration order, so bodies are byte-stable.

internal sealed record TikTokRequestBody
{
    [JsonPropertyName("event_source")] public required string EventSource { get; init; }
    [JsonPropertyName("event_source_id")] public required string EventSourceId { get; init; }
    [JsonPropertyName("test_event_code")] public string? TestEventCode { get; init; }
    [JsonPropertyName("data")] public required IReadOnlyList<TikTokEvent> Data { get; init; }
}

internal sealed record TikTokEvent
{
    [JsonPropertyName("event")] public required string Event { get; init; }
    [JsonPropertyName("event_time")] public required long EventTime { get; init; }
    [JsonPropertyName("event_id")] public string? EventId { get; init; }
    [JsonPropertyName("user")] public TikTokUser? User { get; init; }
    [JsonPropertyName("properties")] public TikTokProperties? Properties { get; init; }
    [JsonPropertyName("page")] public TikTokPage? Page { get; init; }
    [JsonPropertyName("limited_data_use")] public bool LimitedDataUse { get; init; }
}

internal sealed record TikTokUser
{
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("phone")] public string? Phone { get; init; }
    [JsonPropertyName("external_id")] public string? ExternalId { get; init; }
    [JsonPropertyName("ttclid")] public string? Ttclid { get; init; }
    [JsonPropertyName("ttp")] public string? Ttp { get; init; }
    [JsonPropertyName("ip")] public string? Ip { get; init; }
    [JsonPropertyName("user_agent")] public string? UserAgent { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Email is null && Phone is null && ExternalId is null && Ttclid is null && Ttp is null
        && Ip is null && UserAgent is null;
}

internal sealed record TikTokProperties
{
    [JsonPropertyName("currency")] public string? Currency { get; init; }
    [JsonPropertyName("value")] public decimal? Value { get; init; }
    [JsonPropertyName("contents")] public IReadOnlyList<TikTokContent>? Contents { get; init; }
    [JsonPropertyName("content_type")] public string? ContentType { get; init; }
    [JsonPropertyName("order_id")] public string? OrderId { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Currency is null && Value is null && Contents is null && OrderId is null;
}

internal sealed record TikTokContent(
    [property: JsonPropertyName("content_id")] string ContentId,
    [property: JsonPropertyName("quantity")] int Quantity,
    [property: JsonPropertyName("price")] decimal? Price);

internal sealed record TikTokPage(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("referrer")] string? Referrer);

internal static class TikTokJson
{
    // Relaxed escaping keeps URLs and non-ASCII readable in the ledger; the body is never embedded in HTML.
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
