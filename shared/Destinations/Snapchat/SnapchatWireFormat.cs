using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Destinations.Platform;

namespace Pipeline.Destinations.Snapchat;

// The Conversions API v3 body as Snap documents it. Property order is declaration order, so bodies are byte-stable.

internal sealed record SnapchatRequestBody(
    [property: JsonPropertyName("data")] IReadOnlyList<SnapchatEvent> Data);

internal sealed record SnapchatEvent
{
    [JsonPropertyName("event_name")] public required string EventName { get; init; }
    [JsonPropertyName("event_time")] public required long EventTime { get; init; }
    [JsonPropertyName("event_id")] public string? EventId { get; init; }
    [JsonPropertyName("action_source")] public required string ActionSource { get; init; }
    [JsonPropertyName("event_source_url")] public string? EventSourceUrl { get; init; }
    [JsonPropertyName("user_data")] public required SnapchatUserData UserData { get; init; }
    [JsonPropertyName("custom_data")] public SnapchatCustomData? CustomData { get; init; }
    [JsonPropertyName("data_processing_options")] public IReadOnlyList<string>? DataProcessingOptions { get; init; }
    [JsonPropertyName("data_processing_options_country")] public int? DataProcessingOptionsCountry { get; init; }
    [JsonPropertyName("data_processing_options_state")] public int? DataProcessingOptionsState { get; init; }
}

internal sealed record SnapchatUserData : HashedIdentifiers
{
    public SnapchatUserData(HashedIdentifiers identifiers) : base(identifiers)
    {
    }

    [JsonPropertyName("sc_click_id"), JsonPropertyOrder(1)] public string? ScClickId { get; init; }
    [JsonPropertyName("sc_cookie1"), JsonPropertyOrder(1)] public string? ScCookie1 { get; init; }

    /// <summary>What Snap matches on: an e-mail, a phone, or IP and user agent together.</summary>
    [JsonIgnore]
    public bool CanMatch => Email is not null || Phone is not null || (ClientIpAddress is not null && ClientUserAgent is not null);
}

internal sealed record SnapchatCustomData
{
    [JsonPropertyName("currency")] public string? Currency { get; init; }

    // Snap's own example sends value as a string; kept that way so the body matches what Snap shows.
    [JsonPropertyName("value")]
    [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
    public decimal? Value { get; init; }

    [JsonPropertyName("contents")] public IReadOnlyList<SnapchatContent>? Contents { get; init; }
    [JsonPropertyName("content_ids")] public IReadOnlyList<string>? ContentIds { get; init; }
    [JsonPropertyName("order_id")] public string? OrderId { get; init; }
    [JsonPropertyName("num_items")] public int? NumItems { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Currency is null && Value is null && Contents is null && OrderId is null;
}

internal sealed record SnapchatContent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("quantity")] int Quantity,
    [property: JsonPropertyName("item_price")] decimal? ItemPrice);

internal static class SnapchatJson
{
    // Relaxed escaping keeps URLs and non-ASCII readable in the ledger; the body is never embedded in HTML.
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
