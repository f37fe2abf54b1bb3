using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Destinations.Platform;

namespace Pipeline.Destinations.Meta;

// The request body exactly as Meta documents it. Property order is declaration order, so bodies are byte-stable.

internal sealed record MetaRequestBody(
    [property: JsonPropertyName("data")] IReadOnlyList<MetaServerEvent> Data,
    [property: JsonPropertyName("test_event_code")] string? TestEventCode);

internal sealed record MetaServerEvent
{
    [JsonPropertyName("event_name")] public required string EventName { get; init; }
    [JsonPropertyName("event_time")] public required long EventTime { get; init; }
    [JsonPropertyName("event_id")] public string? EventId { get; init; }
    [JsonPropertyName("action_source")] public required string ActionSource { get; init; }
    [JsonPropertyName("event_source_url")] public string? EventSourceUrl { get; init; }
    [JsonPropertyName("user_data")] public required MetaUserData UserData { get; init; }
    [JsonPropertyName("custom_data")] public MetaCustomData? CustomData { get; init; }
    [JsonPropertyName("data_processing_options")] public IReadOnlyList<string>? DataProcessingOptions { get; init; }
    [JsonPropertyName("data_processing_options_country")] public int? DataProcessingOptionsCountry { get; init; }
    [JsonPropertyName("data_processing_options_state")] public int? DataProcessingOptionsState { get; init; }
}

internal sealed record MetaUserData : HashedIdentifiers
{
    public MetaUserData(HashedIdentifiers identifiers) : base(identifiers)
    {
    }

    [JsonPropertyName("fbc"), JsonPropertyOrder(1)] public string? Fbc { get; init; }
    [JsonPropertyName("fbp"), JsonPropertyOrder(1)] public string? Fbp { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Email is null && Phone is null && FirstName is null && LastName is null && Gender is null
        && DateOfBirth is null && City is null && State is null && Zip is null && Country is null && ExternalId is null
        && ClientIpAddress is null && ClientUserAgent is null && Fbc is null && Fbp is null;
}

internal sealed record MetaCustomData
{
    [JsonPropertyName("value")] public decimal? Value { get; init; }
    [JsonPropertyName("currency")] public string? Currency { get; init; }
    [JsonPropertyName("content_ids")] public IReadOnlyList<string>? ContentIds { get; init; }
    [JsonPropertyName("contents")] public IReadOnlyList<MetaContent>? Contents { get; init; }
    [JsonPropertyName("content_type")] public string? ContentType { get; init; }
    [JsonPropertyName("order_id")] public string? OrderId { get; init; }
    [JsonPropertyName("num_items")] public int? NumItems { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Value is null && Currency is null && ContentIds is null && OrderId is null;
}

internal sealed record MetaContent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("quantity")] int Quantity,
    [property: JsonPropertyName("item_price")] decimal? ItemPrice);

internal static class MetaJson
{
    // Relaxed escaping keeps URLs and non-ASCII readable in the ledger; the body is never embedded in HTML.
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
