using System.Text.Json.Serialization;

namespace Pipeline.Privacy;

/// <summary>
/// Whose data to erase: an e-mail or phone (plaintext or its SHA-256, hashed on arrival and never kept), an external
/// id, or a visitor id. Lives only for the call; its <see cref="ToString"/> never shows the values.
/// </summary>
public sealed record ErasureRequest
{
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("phone")] public string? Phone { get; init; }
    [JsonPropertyName("external_id")] public string? ExternalId { get; init; }
    [JsonPropertyName("visitor_id")] public string? VisitorId { get; init; }

    [JsonIgnore]
    public bool IsEmpty => string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Phone)
        && string.IsNullOrWhiteSpace(ExternalId) && string.IsNullOrWhiteSpace(VisitorId);

    public override string ToString() => "ErasureRequest { redacted }";
}
