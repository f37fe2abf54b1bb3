using System.Text.Json.Nodes;

namespace Pipeline.IntegrationTests.Fakes;

/// <summary>Reads the events array of a batched platform request body (Meta/TikTok <c>data</c>, GA4 <c>events</c>, Google Ads rows).</summary>
public static class BatchBody
{
    /// <summary>The items of the array named <paramref name="field"/>; empty when the body is not such a request.</summary>
    public static IReadOnlyList<JsonNode?> Items(string body, string field)
    {
        try
        {
            return JsonNode.Parse(body)?[field] is JsonArray array ? array.ToList() : [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    /// <summary>The string property <paramref name="name"/> of each item (null where missing), in request order.</summary>
    public static IReadOnlyList<string?> Strings(string body, string field, string name) =>
        Items(body, field).Select(item => item?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToList();
}
