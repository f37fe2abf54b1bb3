using System.Text.Json;
using Pipeline.Events;

namespace Pipeline.UnitTests.Sources;

/// <summary>Asserts that a serialized event carries none of the given plaintext values.</summary>
internal static class PlaintextAssert
{
    public static void Absent(CanonicalEvent @event, params string[] plaintexts) => AbsentFrom(JsonSerializer.Serialize(@event), plaintexts);

    /// <summary>
    /// The coarse address parts Google takes unhashed (city, region, postal code, country) may appear, normalized,
    /// in <c>user_data.google_address</c> and nowhere else.
    /// </summary>
    public static void AbsentOutsideGoogleAddress(CanonicalEvent @event, params string[] plaintexts)
    {
        var withoutGoogleAddress = @event.UserData is null ? @event : @event with { UserData = @event.UserData with { GoogleAddress = null } };
        AbsentFrom(JsonSerializer.Serialize(withoutGoogleAddress), plaintexts);
    }

    private static void AbsentFrom(string json, string[] plaintexts)
    {
        foreach (var plaintext in plaintexts)
            Assert.DoesNotContain(plaintext, json, StringComparison.OrdinalIgnoreCase);
    }
}
