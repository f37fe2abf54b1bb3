using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Destinations.Platform;

namespace Pipeline.Destinations.Pinterest;

// The v5 events body as Pinterest documents it. Property order is declaration order, so bodies are byte-stable.

internal sealed record PinterestRequestBody(
    [property: JsonPropertyName("data")] IReadOnlyList<PinterestEvent> Data);

internal sealed record PinterestEvent
{
    [JsonPropertyName("event_name")] public required string EventName { get; init; }
    [JsonPropertyName("action_source")] public required string ActionSource { get; init; }
    [JsonPropertyName("event_time")] public required long EventTime { get; init; }
    [JsonPropertyName("event_id")] public required string EventId { get; init; }
    [JsonPropertyName("event_source_url")] public string? EventSourceUrl { get; init; }
    [JsonPropertyName("opt_out")] public bool? OptOut { get; init; }
    [JsonPropertyName("user_data")] public required PinterestUserData UserData { get; init; }
    [JsonPropertyName("custom_data")] public PinterestCustomData? CustomData { get; init; }
}

internal sealed record PinterestUserData : HashedIdentifiers
{
    public PinterestUserData(HashedIdentifiers identifiers) : base(identifiers)
    {
    }

    [JsonPropertyName("click_id"), JsonPropertyOrder(1)] public string? ClickId { get; init; }

    /// <summary>Pinterest needs an e-mail, a mobile ad id or IP and user agent together to match anybody.</summary>
    [JsonIgnore]
    public bool CanMatch => Email is not null || (ClientIpAddress is not null && ClientUserAgent is not null);
}

internal sealed record PinterestCustomData
{
    [JsonPropertyName("currency")] public string? Currency { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }
    [JsonPropertyName("content_ids")] public IReadOnlyList<string>? ContentIds { get; init; }
    [JsonPropertyName("contents")] public IReadOnlyList<PinterestContent>? Contents { get; init; }
    [JsonPropertyName("num_items")] public int? NumItems { get; init; }
    [JsonPropertyName("order_id")] public string? OrderId { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Currency is null && Value is null && Contents is null && OrderId is null;
}

internal sealed record PinterestContent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("item_price")] string? ItemPrice,
    [property: JsonPropertyName("quantity")] int Quantity);

internal static class PinterestJson
{
    // Relaxed escaping keeps URLs and non-ASCII readable in the ledger; the body is never embedded in HTML.
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
