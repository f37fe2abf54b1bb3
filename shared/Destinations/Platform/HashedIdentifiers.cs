using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Pipeline.Events;
using Pipeline.Identity;

namespace Pipeline.Destinations.Platform;

/// <summary>
/// The <c>user_data</c> identifiers Meta defined and Snapchat and Pinterest took over: the same keys, each hash a
/// one-element array, by the same normalization (theirs for e-mail, phone, names, gender, birth date and country are
/// Meta's), then the client's address and user agent. A platform's own <c>user_data</c> derives from it and adds its
/// click and cookie ids after these, so its body keeps its documented order.
/// </summary>
internal partial record HashedIdentifiers
{
    [JsonPropertyName("em")] public IReadOnlyList<string>? Email { get; init; }
    [JsonPropertyName("ph")] public IReadOnlyList<string>? Phone { get; init; }
    [JsonPropertyName("fn")] public IReadOnlyList<string>? FirstName { get; init; }
    [JsonPropertyName("ln")] public IReadOnlyList<string>? LastName { get; init; }
    [JsonPropertyName("ge")] public IReadOnlyList<string>? Gender { get; init; }
    [JsonPropertyName("db")] public IReadOnlyList<string>? DateOfBirth { get; init; }
    [JsonPropertyName("ct")] public IReadOnlyList<string>? City { get; init; }
    [JsonPropertyName("st")] public IReadOnlyList<string>? State { get; init; }
    [JsonPropertyName("zp")] public IReadOnlyList<string>? Zip { get; init; }
    [JsonPropertyName("country")] public IReadOnlyList<string>? Country { get; init; }
    [JsonPropertyName("external_id")] public IReadOnlyList<string>? ExternalId { get; init; }
    [JsonPropertyName("client_ip_address")] public string? ClientIpAddress { get; init; }
    [JsonPropertyName("client_user_agent")] public string? ClientUserAgent { get; init; }

    /// <summary>The event's identifiers as these platforms take them, from the values hashed at the edge.</summary>
    public static HashedIdentifiers From(CanonicalEvent evt)
    {
        var data = evt.UserData;
        return new HashedIdentifiers
        {
            Email = Hashes(data?.Email),
            Phone = Hashes(data?.Phone),
            FirstName = Hashes(data?.FirstName),
            LastName = Hashes(data?.LastName),
            Gender = Hashes(data?.Gender),
            DateOfBirth = Hashes(data?.DateOfBirth),
            City = Hashes(data?.City),
            State = Hashes(data?.State),
            Zip = Hashes(data?.Zip),
            Country = Hashes(data?.Country),
            ExternalId = Hashes(data?.ExternalId),
            ClientIpAddress = string.IsNullOrWhiteSpace(evt.ClientIpAddress) ? null : evt.ClientIpAddress,
            ClientUserAgent = string.IsNullOrWhiteSpace(evt.ClientUserAgent) ? null : evt.ClientUserAgent,
        };
    }

    /// <summary>
    /// The Meta-rule hash of an identifier as a one-element array, or null when there is none. It never hashes: a value
    /// that is not already a SHA-256 hex digest is dropped rather than sent in a hashed field.
    /// </summary>
    public static IReadOnlyList<string>? Hashes(HashVariants? variants)
    {
        var hash = variants?.For(HashRules.Meta)?.Trim().ToLowerInvariant();
        return hash is not null && Sha256Hex().IsMatch(hash) ? [hash] : null;
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();
}
