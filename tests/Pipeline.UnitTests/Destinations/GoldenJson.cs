using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.UnitTests.Destinations;

/// <summary>Compares a request body with a golden JSON text written indented for reading.</summary>
internal static class GoldenJson
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The body must equal the golden text byte for byte once the golden's indentation is removed; property order,
    /// number formatting and escaping all count.
    /// </summary>
    public static void AssertEqual(string golden, string? actual)
    {
        var expected = JsonNode.Parse(golden)!.ToJsonString(Compact);
        Assert.Equal(expected, actual);
    }
}
