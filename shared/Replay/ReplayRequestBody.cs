using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Http;

namespace Pipeline.Replay;

/// <summary>The JSON body of <c>POST /api/operator/replay</c>: <c>{destination?, from?, to?, reason?, dry_run?, note?}</c>.</summary>
public sealed record ReplayRequestBody
{
    public const int MaxTextLength = 200;

    [JsonPropertyName("destination")] public string? Destination { get; init; }
    [JsonPropertyName("from")] public string? From { get; init; }
    [JsonPropertyName("to")] public string? To { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("dry_run")] public bool DryRun { get; init; }
    [JsonPropertyName("note")] public string? Note { get; init; }

    private static readonly JsonSerializerOptions Strict = RequestJson.SerializerOptions(4, JsonUnmappedMemberHandling.Disallow);

    /// <summary>The request, or a message saying what is wrong with the body.</summary>
    public static (ReplayRequest? Request, string? Error) Parse(ReadOnlySpan<byte> body)
    {
        ReplayRequestBody? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<ReplayRequestBody>(body, Strict);
        }
        catch (JsonException e) when (RequestJson.IsDuplicateKey(e))
        {
            return (null, RequestJson.Describe(e));
        }
        catch (JsonException e)
        {
            return (null, "body must be a JSON object {destination?, from?, to?, reason?, dry_run?, note?}" + (e.Path is { Length: > 0 } p ? $"; problem at {p}" : ""));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Text.DecoderFallbackException)
        {
            return (null, "body must be UTF-8 JSON");
        }
        if (parsed is null) return (null, "body must be a JSON object");
        return parsed.ToRequest();
    }

    /// <summary>Checks the fields (shared by the endpoint and the command line).</summary>
    public (ReplayRequest? Request, string? Error) ToRequest()
    {
        DateTimeOffset? from = null, to = null;
        if (From is not null)
        {
            if (!ReplayTime.TryParse(From, out var f)) return (null, "from must be an ISO-8601 date or date-time (2026-11-01 or 2026-11-01T08:00:00Z)");
            from = f;
        }
        if (To is not null)
        {
            if (!ReplayTime.TryParse(To, out var t)) return (null, "to must be an ISO-8601 date or date-time (2026-11-01 or 2026-11-01T08:00:00Z)");
            to = t;
        }
        if (from > to) return (null, "from must not be after to");
        if (Destination is { } d && (d.Trim().Length == 0 || d.Length > MaxTextLength)) return (null, $"destination must be a destination id of at most {MaxTextLength} characters");
        if (Reason is { } r && (r.Length == 0 || r.Length > MaxTextLength)) return (null, $"reason must be 1 to {MaxTextLength} characters");
        if (Note is { Length: > MaxTextLength }) return (null, $"note must be at most {MaxTextLength} characters");
        return (new ReplayRequest(new ReplayFilter(Destination?.Trim(), from, to, Reason), DryRun, Note), null);
    }
}
