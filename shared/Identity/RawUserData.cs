using System.Text.Json.Serialization;

namespace Pipeline.Identity;

/// <summary>
/// Identifiers as they arrive at the edge (plaintext or 64-hex hashes). Lives only inside an ingest call:
/// it is hashed by <see cref="UserDataHasher"/> and never stored, queued or logged.
/// </summary>
public sealed record RawUserData
{
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("phone")] public string? Phone { get; init; }
    [JsonPropertyName("first_name")] public string? FirstName { get; init; }
    [JsonPropertyName("last_name")] public string? LastName { get; init; }
    /// <summary>Street and house number (first address line).</summary>
    [JsonPropertyName("street")] public string? Street { get; init; }
    [JsonPropertyName("city")] public string? City { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("zip")] public string? Zip { get; init; }
    [JsonPropertyName("country")] public string? Country { get; init; }
    [JsonPropertyName("gender")] public string? Gender { get; init; }
    [JsonPropertyName("date_of_birth")] public string? DateOfBirth { get; init; }
    [JsonPropertyName("external_id")] public string? ExternalId { get; init; }

    public override string ToString() => "RawUserData { redacted }";
}
