using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pipeline.Configuration;
using Pipeline.Http;
using Pipeline.Storage;

namespace Pipeline.Replay;

/// <summary>
/// <c>POST /api/operator/replay</c>: re-enqueues dead-lettered deliveries matching the body's filters and answers
/// with a <see cref="ReplaySummary"/>. Operators only: the <c>x-operator-key</c> header must hold an operator key.
/// </summary>
public sealed class ReplayHandler(
    PipelineOptions options,
    OperatorKeyAuthenticator authenticator,
    ReplayService replay,
    ILogger<ReplayHandler> logger)
{
    public async Task<ApiResult> HandleAsync(HttpRequest request, CancellationToken ct)
    {
        if (authenticator.Refusal(request) is { } refusal)
        {
            logger.LogWarning("Replay: refused a request ({Status}): missing or wrong operator key, or a key in the URL", refusal.StatusCode);
            return refusal;
        }

        var read = await RequestBody.ReadAsync(request, options.MaxBodyBytes, ct);
        if (read.Error is { } unreadable) return unreadable;
        var body = read.Bytes!;
        var (replayRequest, error) = ReplayRequestBody.Parse(body);
        if (error is not null) return ApiResult.Error(StatusCodes.Status400BadRequest, error);

        try
        {
            var summary = await replay.ReplayAsync(replayRequest!, ct);
            return ApiResult.JsonBody(StatusCodes.Status200OK, summary);
        }
        catch (Exception e) when (StorageFailure.IsStorageOutage(e))
        {
            // Rows already put back stay put back; repeating the request replays the rest (never one twice).
            logger.LogError("Replay: storage unavailable ({Error}); answered 503", e.GetType().Name);
            return ApiResult.Error(StatusCodes.Status503ServiceUnavailable, "storage is unavailable; repeat the request to replay the rest");
        }
    }
}
