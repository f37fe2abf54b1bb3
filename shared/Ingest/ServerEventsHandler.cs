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
/// <c>{"events": [...]}</c>, answers 202 only once every event is durably on the events queue. Each event is
/// enqueued once per <c>event_id</c> (key <c>api:{event_id}</c>), so a retried batch enqueues nothing twice.
/// </summary>
public sealed class ServerEventsHandler(
    PipelineOptions options,
    ApiKeyAuthenticator authenticator,
    ClientRateLimiter rateLimiter,
    EventIntake intake,
    IngestMetrics metrics,
    TimeProvider time,
    ILogger<ServerEventsHandler> logger)
{
    public const string SourceName = "api";

    private static readonly JsonSerializerOptions Strict =
        RequestJson.SerializerOptions(RequestJson.DefaultMaxDepth, JsonUnmappedMemberHandling.Disallow);

    public async Task<ApiResult> HandleAsync(HttpRequest request, CancellationToken ct)
    {
        if (rateLimiter.Refusal(request, RateLimitedRoute.Ingest) is { } tooMany)
        {
            metrics.Request(SourceName, "rate_limited");
            return tooMany;
        }
        if (!authenticator.IsAuthorized(request))
        {
            metrics.Request(SourceName, "unauthorized");
            logger.LogWarning("Server API: rejected a request with a missing or wrong API key");
            return ApiKeyAuthenticator.Unauthorized();
        }

        var read = await RequestBody.ReadAsync(request, options.MaxBodyBytes, ct);
        if (read.Error is { } unreadable)
        {
            metrics.Request(SourceName, read.IsTooLarge ? "too_large" : "bad_request");
            return unreadable;
        }
        var body = read.Bytes!;

        var (events, parseError) = Parse(body);
        if (parseError is not null)
        {
            metrics.Request(SourceName, "bad_request");
            return ApiResult.Error(StatusCodes.Status400BadRequest, parseError);
        }

        var now = time.GetUtcNow();
        var canonical = new List<CanonicalEvent>(events!.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var (evt, error) = ServerEventValidator.Validate(events[i], now, options.DefaultRegion);
            if (error is not null)
            {
                metrics.Request(SourceName, "bad_request");
                return ApiResult.Error(StatusCodes.Status400BadRequest, events.Count == 1 ? error : $"events[{i}]: {error}");
            }
            canonical.Add(evt!);
        }

        IntakeResult result;
        try
        {
            result = await intake.EnqueueOnceAsync(canonical.Select(e => new IntakeItem(e, IdempotencyKey(e.EventId))).ToList(),
                dropContentsIfTooLarge: false, delivery: null, ct);
        }
        catch (Exception e) when (StorageFailure.IsStorageOutage(e))
        {
            // Nothing was acknowledged: the caller retries; events that did get through are claimed and not sent again.
            metrics.Request(SourceName, "unavailable");
            logger.LogError("Server API: storage unavailable ({Error}); answered 503", e.GetType().Name);
            return ApiResult.Error(StatusCodes.Status503ServiceUnavailable, "storage is unavailable; retry later");
        }
        if (result.Error is not null)
        {
            metrics.Request(SourceName, "bad_request");
            return ApiResult.Error(StatusCodes.Status400BadRequest,
                canonical.Count == 1 ? result.Error : $"events[{result.ErrorIndex}]: {result.Error}");
        }

        if (result.MustRetryLater)
        {
            metrics.Request(SourceName, "in_flight");
            // Events of the batch this request did enqueue are counted now; its retry finds them duplicates.
            metrics.Events(SourceName, result.Enqueued.Count, result.Duplicates.Count);
            logger.LogInformation("Server API: {Count} event(s) are being accepted by a concurrent request; answered 409", result.InFlight!.Count);
            return InFlight(result);
        }

        metrics.Request(SourceName, result.Enqueued.Count > 0 ? "accepted" : "duplicate");
        metrics.Events(SourceName, result.Enqueued.Count, result.Duplicates.Count);
        logger.LogInformation("Server API: accepted {Count} event(s), {Duplicates} already accepted before", canonical.Count, result.Duplicates.Count);
        return ApiResult.JsonBody(StatusCodes.Status202Accepted, new
        {
            event_ids = canonical.Select(e => e.EventId),
            duplicate_event_ids = result.Duplicates.Count > 0 ? result.Duplicates : null,
        });
    }

    /// <summary>
    /// 409 with Retry-After: a concurrent request holds the claim on an event of this one and has not finished. It may
    /// still fail, so this request cannot say "accepted"; its retry finds the event enqueued (a duplicate) or takes over.
    /// A 4xx, not a 5xx: nothing is wrong with the service, the request conflicts with one in progress, and every
    /// sender (Shopify, Stripe, API clients) retries a non-2xx answer.
    /// </summary>
    public static ApiResult InFlight(IntakeResult result)
    {
        var answer = ApiResult.JsonBody(StatusCodes.Status409Conflict, new
        {
            error = "the same event is being accepted by a concurrent request; retry later",
            in_flight_event_ids = result.InFlight,
        });
        answer.Headers["Retry-After"] = result.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return answer;
    }

    /// <summary>The ingest-table key of a server API event: its event id, which callers must keep stable across retries.</summary>
    public static string IdempotencyKey(string eventId) => $"{SourceName}:{eventId}";

    private (IReadOnlyList<ServerEvent>? Events, string? Error) Parse(byte[] body)
    {
        try
        {
            using var doc = RequestJson.Parse(body);
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
            return (null, RequestJson.IsDuplicateKey(e) ? RequestJson.Describe(e) : "malformed JSON: " + RequestJson.Describe(e));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or System.Text.DecoderFallbackException)
        {
            return (null, "malformed JSON: " + e.GetType().Name);
        }
    }
}
