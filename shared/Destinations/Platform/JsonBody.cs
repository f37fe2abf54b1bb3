using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pipeline.Destinations.Platform;

/// <summary>A request body that is one JSON object, written member by member.</summary>
public static class JsonBody
{
    // The default encoder escapes '+' (as in "+00:00"); these bodies are never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> writeMembers)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            writeMembers(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
