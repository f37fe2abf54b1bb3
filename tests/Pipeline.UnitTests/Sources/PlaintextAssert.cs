using System.Text.Json;
using Pipeline.Events;

namespace Pipeline.UnitTests.Sources;

/// <summary>Asserts that a serialized event carries none of the given plaintext values.</summary>
internal static class PlaintextAssert
{
    public static void Absent(CanonicalEvent @event, params string[] plaintexts)
    {
        var json = JsonSerializer.Serialize(@event);
        foreach (var plaintext in plaintexts)
            Assert.DoesNotContain(plaintext, json, StringComparison.OrdinalIgnoreCase);
    }
}
