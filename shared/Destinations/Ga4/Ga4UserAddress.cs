using System.Text.Json;
using Pipeline.Identity;

namespace Pipeline.Destinations.Ga4;

/// <summary>
/// GA4's <c>user_data.address[]</c> entry (Measurement Protocol user-provided data): first name, last name and
/// street hashed by Google's rules, city, region, postal code and country unhashed.
/// </summary>
internal sealed record Ga4UserAddress(
    string? Sha256FirstName, string? Sha256LastName, string? Sha256Street,
    string? City, string? Region, string? PostalCode, string? Country)
{
    /// <summary>The address of the event's person, or null when no part of it is known.</summary>
    public static Ga4UserAddress? From(HashedUserData? user)
    {
        if (user is null) return null;
        var location = user.GoogleAddress;
        var address = new Ga4UserAddress(
            user.FirstName?.For(HashRules.Google), user.LastName?.For(HashRules.Google), user.Street?.For(HashRules.Google),
            location?.City, location?.Region, location?.PostalCode, location?.Country);
        return address == Empty ? null : address;
    }

    /// <summary>Writes <c>"address": [ { … } ]</c> with the known parts only.</summary>
    public static void Write(Utf8JsonWriter w, Ga4UserAddress a)
    {
        w.WriteStartArray("address");
        w.WriteStartObject();
        WriteIfKnown(w, "sha256_first_name", a.Sha256FirstName);
        WriteIfKnown(w, "sha256_last_name", a.Sha256LastName);
        WriteIfKnown(w, "sha256_street", a.Sha256Street);
        WriteIfKnown(w, "city", a.City);
        WriteIfKnown(w, "region", a.Region);
        WriteIfKnown(w, "postal_code", a.PostalCode);
        WriteIfKnown(w, "country", a.Country);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static readonly Ga4UserAddress Empty = new(null, null, null, null, null, null, null);

    private static void WriteIfKnown(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }
}
