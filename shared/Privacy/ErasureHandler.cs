using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pipeline.Configuration;
using Pipeline.Http;
using Pipeline.Storage;

namespace Pipeline.Privacy;

/// <summary>
/// <c>POST /api/operator/erase</c> (operator key): <c>{"email"|"phone"|"external_id"|"visitor_id": "…"}</c> → what was
/// deleted, by table.
/// </summary>
public sealed class ErasureHandler(
    ErasureService erasure,
    OperatorKeyAuthenticator authenticator,
    PipelineOptions options,
    ILogger<ErasureHandler> logger)
{
    private static readonly JsonSerializerOptions Options =
        RequestJson.SerializerOptions(RequestJson.DefaultMaxDepth, System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip);

    public async Task<ApiResult> HandleAsync(HttpRequest request, CancellationToken ct)
    {
        if (authenticator.Refusal(request) is { } refusal)
        {
            logger.LogWarning("Erasure: refused a request ({Status}): missing or wrong operator key, or a key in the URL", refusal.StatusCode);
            return refusal;
        }

        var read = await RequestBody.ReadAsync(request, options.MaxBodyBytes, ct);
        if (read.Error is { } unreadable) return unreadable;
        var body = read.Bytes!;

        ErasureRequest? erase;
        try
        {
            erase = JsonSerializer.Deserialize<ErasureRequest>(body, Options);
        }
        catch (JsonException e) when (RequestJson.IsDuplicateKey(e))
        {
            return ApiResult.Error(StatusCodes.Status400BadRequest, RequestJson.Describe(e));
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return ApiResult.Error(StatusCodes.Status400BadRequest, "body must be a JSON object with email, phone, external_id or visitor_id");
        }
        if (erase is null || erase.IsEmpty)
            return ApiResult.Error(StatusCodes.Status400BadRequest, "give at least one of email, phone, external_id, visitor_id");

        try
        {
            return ApiResult.JsonBody(StatusCodes.Status200OK, await erasure.EraseAsync(erase, ct));
        }
        catch (Exception e) when (StorageFailure.IsStorageOutage(e))
        {
            // Erasure deletes idempotently: running it again finishes what this run started.
            logger.LogError("Erasure: storage unavailable ({Error}); answered 503", e.GetType().Name);
            return ApiResult.Error(StatusCodes.Status503ServiceUnavailable, "storage is unavailable; run the erasure again");
        }
    }
}
