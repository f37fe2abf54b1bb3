using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Configuration;

namespace Pipeline.Http;

/// <summary>
/// The one way a JSON request body is read (server API, collector, Shopify, Stripe, replay, erasure): a key written
/// twice in one object is refused rather than "the last one wins" (<c>"value":12.5,"value":99999</c> is a 400, not an
/// order worth 99,999), and nesting is bounded. Platform answers are read elsewhere, leniently: they are not input.
/// </summary>
public static class RequestJson
{
    public const int DefaultMaxDepth = 16;

    private const string DuplicateMessagePrefix = "Duplicate propert";

    public static JsonDocumentOptions DocumentOptions(int maxDepth = DefaultMaxDepth) =>
        new() { MaxDepth = maxDepth, AllowDuplicateProperties = false };

    /// <summary>
    /// Serializer options for a body bound to a type: <see cref="Json.Options"/> (which already refuses duplicate
    /// keys), a depth limit and, when <paramref name="unknownMembers"/> is Disallow, a 400 for a misspelt field.
    /// </summary>
    public static JsonSerializerOptions SerializerOptions(int maxDepth, JsonUnmappedMemberHandling unknownMembers) =>
        new(Json.Options) { MaxDepth = maxDepth, UnmappedMemberHandling = unknownMembers, AllowDuplicateProperties = false };

    /// <summary>Parses a body; throws <see cref="JsonException"/> for malformed JSON, too deep, or a duplicate key.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> body, int maxDepth = DefaultMaxDepth) =>
        JsonDocument.Parse(body, DocumentOptions(maxDepth));

    public static bool IsDuplicateKey(JsonException e) => e.Message.StartsWith(DuplicateMessagePrefix, StringComparison.Ordinal);

    /// <summary>
    /// What is wrong, safe to answer: <c>duplicate key 'value'</c> (the key's name, never a value), else the
    /// serializer's first sentence with its JSON path.
    /// </summary>
    public static string Describe(JsonException e)
    {
        if (IsDuplicateKey(e))
        {
            var name = QuotedName(e.Message);
            var where = e.Path is { Length: > 1 } path ? $" at {Printable(path)}" : "";
            return name is null ? $"duplicate key in a JSON object{where}" : $"duplicate key '{name}'{where}";
        }
        var sentence = FirstSentence(e.Message);
        return e.Path is { Length: > 0 } p ? $"{Printable(p)}: {sentence}" : sentence;
    }

    private static string? QuotedName(string message)
    {
        var open = message.IndexOf('\'');
        var close = open < 0 ? -1 : message.IndexOf('\'', open + 1);
        return close > open + 1 ? Printable(message[(open + 1)..close]) : null;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    /// <summary>Names come from the payload: printable ASCII only, and short.</summary>
    private static string Printable(string value)
    {
        var clean = new string(value.Where(c => c is >= ' ' and <= '~').Take(64).ToArray());
        return clean.Length > 0 ? clean : "?";
    }
}
