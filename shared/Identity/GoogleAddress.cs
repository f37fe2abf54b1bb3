using System.Text.Json.Serialization;

namespace Pipeline.Identity;

/// <summary>
/// The parts of an address Google takes unhashed (Google Ads <c>addressInfo</c>, GA4 <c>user_data.address</c>),
/// normalized by <see cref="GoogleNormalizer"/>. The parts that identify a person (names, street) never live
/// here: they are hashed in <see cref="HashedUserData"/>.
/// </summary>
public sealed record GoogleAddress
{
    [JsonPropertyName("city")] public string? City { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("postal_code")] public string? PostalCode { get; init; }

    /// <summary>ISO-3166-1 alpha-2, uppercase.</summary>
    [JsonPropertyName("country")] public string? Country { get; init; }

    [JsonIgnore] public bool IsEmpty => City is null && Region is null && PostalCode is null && Country is null;
}
