using System.Globalization;
using System.Text.Json;

namespace Pipeline.Sources;

/// <summary>Tolerant readers over vendor JSON: absent, null and wrongly typed members all read as null.</summary>
internal static class JsonValues
{
    /// <summary>The member at the path, or null when any step is absent, null or not an object.</summary>
    public static JsonElement? At(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next)
                || next.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                return null;
            current = next;
        }
        return current;
    }

    /// <summary>A non-blank string member, trimmed.</summary>
    public static string? String(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.String } e && e.GetString() is { } s && !string.IsNullOrWhiteSpace(s)
            ? s.Trim()
            : null;

    /// <summary>
    /// An integer id written as a JSON number or string, as its exact text: ids above 2^53 do not survive a double.
    /// </summary>
    public static string? Id(this JsonElement element, params string[] path) =>
        element.At(path) switch
        {
            { ValueKind: JsonValueKind.Number } e when IsDigits(e.GetRawText()) => e.GetRawText(),
            { ValueKind: JsonValueKind.String } e when e.GetString() is { } s && IsDigits(s) => s,
            _ => null,
        };

    /// <summary>A Stripe-style object reference: the id string, or the <c>id</c> of an expanded object.</summary>
    public static string? Reference(this JsonElement element, params string[] path) =>
        element.At(path) switch
        {
            { ValueKind: JsonValueKind.String } e => e.GetString() is { Length: > 0 } s ? s : null,
            { ValueKind: JsonValueKind.Object } e => e.String("id"),
            _ => null,
        };

    /// <summary>Money written as a decimal string (<c>"199.00"</c>) or number, parsed exactly as decimal.</summary>
    public static decimal? Money(this JsonElement element, params string[] path) =>
        element.At(path) switch
        {
            { ValueKind: JsonValueKind.Number } e when e.TryGetDecimal(out var d) => d,
            { ValueKind: JsonValueKind.String } e when decimal.TryParse(e.GetString(),
                NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };

    public static long? Long(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt64(out var n) ? n : null;

    public static int? Int(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt32(out var n) ? n : null;

    public static bool Bool(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.True };

    /// <summary>The items of an array member; empty when absent.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.Array } e ? e.EnumerateArray() : [];

    private static bool IsDigits(string s) => s.Length is > 0 and <= 20 && s.All(char.IsAsciiDigit);
}
