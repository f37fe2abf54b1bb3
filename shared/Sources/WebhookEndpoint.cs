using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pipeline.Http;
using Pipeline.Ingest;
using Pipeline.Storage;

namespace Pipeline.Sources;

/// <summary>
/// The I/O around a pure webhook evaluator, the same for every source: read the raw body within the limit, evaluate,
/// enqueue each conversion once, record the delivery ids, answer. Nothing slow happens inline (no platform calls),
/// and a 200 is given only after every event is durably on the queue.
/// </summary>
public sealed class WebhookEndpoint(
    SourcesSettings settings,
    EventIntake intake,
    IngestMetrics metrics,
    ILogger<WebhookEndpoint> logger)
{
    /// <param name="source">The source's name for logs, metrics and messages: <c>shopify</c>, <c>stripe</c>.</param>
    /// <param name="evaluate">The source's evaluator; null when the source is not configured (404, nothing touched).</param>
    public async Task<ApiResult> HandleAsync(
        string source, HttpRequest request, Func<ReadOnlyMemory<byte>, WebhookHeaders, WebhookVerdict>? evaluate, CancellationToken ct)
    {
        if (evaluate is null)
        {
            metrics.Request(source, "not_configured");
            logger.LogWarning("{Source} webhook: refused, the source is not configured", source);
            return ApiResult.Error(StatusCodes.Status404NotFound, $"{source} webhooks are not configured");
        }

        var read = await RequestBody.ReadAsync(request, settings.MaxBodyBytes, ct);
        if (read.Error is { } unreadable)
        {
            metrics.Request(source, read.IsTooLarge ? "too_large" : "bad_request");
            logger.LogWarning("{Source} webhook: refused an unreadable or oversized body (limit {MaxBodyBytes} bytes)", source, settings.MaxBodyBytes);
            return unreadable;
        }
        var body = read.Bytes!;

        var verdict = Evaluate(source, evaluate, body, Headers(request));
        switch (verdict)
        {
            case WebhookRejected rejected:
                metrics.Request(source, rejected.StatusCode == StatusCodes.Status401Unauthorized ? "unauthorized" : "bad_request");
                logger.LogWarning("{Source} webhook: answered {Status}: {Reason}", source, rejected.StatusCode, rejected.Reason);
                return ApiResult.Error(rejected.StatusCode, rejected.Reason);
            case WebhookIgnored ignored:
                metrics.Request(source, "ignored");
                logger.LogInformation("{Source} webhook: ignored: {Reason}", source, ignored.Reason);
                return ApiResult.JsonBody(StatusCodes.Status200OK, new { status = "ignored", reason = ignored.Reason });
            case WebhookAccepted accepted:
                return await AcceptAsync(source, accepted, ct);
            default:
                throw new InvalidOperationException($"Unknown verdict {verdict.GetType().Name}.");
        }
    }

    private async Task<ApiResult> AcceptAsync(string source, WebhookAccepted accepted, CancellationToken ct)
    {
        var items = accepted.Conversions.Select(c => new IntakeItem(c.Event, c.IdempotencyKey, c.OriginalKey)).ToList();
        IntakeResult result;
        try
        {
            result = await intake.EnqueueOnceAsync(items, dropContentsIfTooLarge: true, new SourceDelivery(source, accepted.DeliveryIds), ct);
        }
        catch (Exception e) when (StorageFailure.IsStorageOutage(e))
        {
            // Nothing is acknowledged: the vendor retries the same payload, and the claims make that retry exact.
            metrics.Request(source, "unavailable");
            logger.LogError("{Source} webhook: storage unavailable ({Error}); answered 503", source, e.GetType().Name);
            return ApiResult.Error(StatusCodes.Status503ServiceUnavailable, "storage is unavailable; retry later");
        }

        if (result.Error is not null)
        {
            metrics.Request(source, "bad_request");
            logger.LogWarning("{Source} webhook: answered 400: {Reason}", source, result.Error);
            return ApiResult.Error(StatusCodes.Status400BadRequest, result.Error);
        }

        if (result.MustRetryLater)
        {
            // Another delivery of the same conversion holds its claim: not acknowledged, so the vendor retries.
            metrics.Request(source, "in_flight");
            metrics.Events(source, result.Enqueued.Count, result.Duplicates.Count);
            logger.LogInformation("{Source} webhook: {Count} event(s) are being accepted by a concurrent delivery; answered 409", source, result.InFlight!.Count);
            return ServerEventsHandler.InFlight(result);
        }

        metrics.Request(source, result.Enqueued.Count > 0 ? "accepted" : "duplicate");
        metrics.Events(source, result.Enqueued.Count, result.Duplicates.Count);
        logger.LogInformation("{Source} webhook: {Enqueued} event(s) enqueued, {Duplicates} duplicate(s)",
            source, result.Enqueued.Count, result.Duplicates.Count);
        return ApiResult.JsonBody(StatusCodes.Status200OK, new
        {
            status = "accepted",
            enqueued = result.Enqueued,
            duplicates = result.Duplicates,
        });
    }

    /// <summary>The evaluators are pure and total; should one still throw, the sender gets a 400, never a 5xx.</summary>
    private WebhookVerdict Evaluate(
        string source, Func<ReadOnlyMemory<byte>, WebhookHeaders, WebhookVerdict> evaluate, byte[] body, WebhookHeaders headers)
    {
        try
        {
            return evaluate(body, headers);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The exception's message may quote the payload: only its type and place are logged.
            logger.LogError("{Source} webhook: the evaluator failed with {Error} in {Site}", source, e.GetType().FullName, e.TargetSite?.Name);
            return WebhookRejected.BadRequest("the payload could not be read");
        }
    }

    private static WebhookHeaders Headers(HttpRequest request) =>
        new(request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.Count > 0 ? h.Value[0] ?? "" : "")));
}
