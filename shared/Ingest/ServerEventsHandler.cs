using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pipeline.Configuration;
using Pipeline.Events;
using Pipeline.Http;
using Pipeline.Storage;

namespace Pipeline.Ingest;

/// <summary>
/// <c>POST /api/events</c>: the server-to-server API for CRMs, call centres and custom backends. Accepts one event or
/// <c>{"events": [...]}</c>, answers 202 only once every event is durably on the events queue.
/// </summary>
public sealed class ServerEventsHandler(
    PipelineOptions options,
    ApiKeyAuthenticator authenticator,
    PipelineQueues queues,
    TimeProvider time,
    ILogger<ServerEventsHandler> logger)
{
    private static readonly JsonSerializerOptions Strict = new(Json.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 16,
    };

    public async Task<ApiResult> HandleAsync(HttpRequest request, CancellationToken ct)
    {
        if (!authenticator.IsAuthorized(request))
        {
            logger.LogWarning("Server API: rejected a request with a missing or wrong API key");
            return ApiKeyAuthenticator.Unauthorized();
        }

        var body = await RequestBody.ReadAsync(request, options.MaxBodyBytes, ct);
        if (body is null) return RequestBody.TooLarge(options.MaxBodyBytes);

        var (events, parseError) = Parse(body);
        if (parseError is not null) return ApiResult.Error(StatusCodes.Status400BadRequest, parseError);

        var now = time.GetUtcNow();
        var canonical = new List<CanonicalEvent>(events!.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var (evt, error) = ServerEventValidator.Validate(events[i], now, options.DefaultRegion);
            if (error is not null)
                return ApiResult.Error(StatusCodes.Status400BadRequest, events.Count == 1 ? error : $"events[{i}]: {error}");
            canonical.Add(evt!);
        }

        try
        {
            foreach (var evt in canonical)
                await queues.SendEventAsync(Json.Serialize(new EventMessage { Event = evt }), ct);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or IOException or TimeoutException)
        {
            // Nothing was acknowledged: the caller retries, and the matcher absorbs what did get through.
            logger.LogError("Server API: storage unavailable ({Error}); answered 503", e.GetType().Name);
            return ApiResult.Error(StatusCodes.Status503ServiceUnavailable, "storage is unavailable; retry later");
        }

        logger.LogInformation("Server API: accepted {Count} event(s)", canonical.Count);
        return ApiResult.JsonBody(StatusCodes.Status202Accepted, new { event_ids = canonical.Select(e => e.EventId) });
    }

    private (IReadOnlyList<ServerEvent>? Events, string? Error) Parse(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, "body must be a JSON object: one event, or {\"events\": [...]}");
            if (doc.RootElement.TryGetProperty("events", out _))
            {
                var batch = doc.RootElement.Deserialize<ServerEventBatch>(Strict);
                if (batch?.Events is not { Count: > 0 } list) return (null, "events must be a non-empty array");
                if (list.Count > options.MaxEventsPerRequest) return (null, $"at most {options.MaxEventsPerRequest} events per request");
                if (list.Any(e => e is null)) return (null, "events must not contain null");
                return (list, null);
            }
            var single = doc.RootElement.Deserialize<ServerEvent>(Strict);
            return single is null ? (null, "empty event") : ([single], null);
        }
        catch (JsonException e)
        {
            return (null, "malformed JSON: " + Describe(e));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or System.Text.DecoderFallbackException)
        {
            return (null, "malformed JSON: " + e.GetType().Name);
        }
    }

    // The serializer's message names the path and expected type; it never echoes the value.
    private static string Describe(JsonException e) =>
        e.Path is { Length: > 0 } path ? $"{path}: {FirstSentence(e.Message)}" : FirstSentence(e.Message);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
