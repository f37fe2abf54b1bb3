using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pipeline.Configuration;
using Pipeline.Http;
using Pipeline.Storage;

namespace Pipeline.Status;

/// <summary>
/// <c>GET /api/status</c> (HTML) and <c>GET /api/status.json</c>: the operator's view of the ledger. The key comes in
/// the <c>x-operator-key</c> header; the HTML page alone also takes <c>?key=</c> so a browser can open it (the page
/// drops it from the address bar and fetches the JSON with the header).
/// </summary>
public sealed class StatusHandler(StatusReportBuilder builder, OperatorKeyAuthenticator authenticator, ILogger<StatusHandler> logger)
{
    /// <summary>snake_case, as the rest of the HTTP API answers.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(Json.Options) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    // Inline style and script only; the page may call back to this origin and nothing else.
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    public async Task<ApiResult> HtmlAsync(HttpRequest request, CancellationToken ct)
    {
        var (report, error) = await ReportAsync(request, authenticator.RefusalAllowingUrlKey(request), ct);
        if (error is not null) return error;
        var result = new ApiResult
        {
            StatusCode = StatusCodes.Status200OK,
            ContentType = "text/html; charset=utf-8",
            BodyBytes = Encoding.UTF8.GetBytes(StatusPage.Render(report!)),
        };
        result.Headers["Content-Security-Policy"] = ContentSecurityPolicy;
        result.Headers["Referrer-Policy"] = "no-referrer";
        result.Headers["Cache-Control"] = "no-store";
        result.Headers["X-Content-Type-Options"] = "nosniff";
        return result;
    }

    public async Task<ApiResult> JsonAsync(HttpRequest request, CancellationToken ct)
    {
        var (report, error) = await ReportAsync(request, authenticator.Refusal(request), ct);
        if (error is not null) return error;
        var result = new ApiResult
        {
            StatusCode = StatusCodes.Status200OK,
            ContentType = "application/json; charset=utf-8",
            Body = JsonSerializer.Serialize(report, JsonOptions),
        };
        result.Headers["Cache-Control"] = "no-store";
        return result;
    }

    private async Task<(StatusReport? Report, ApiResult? Error)> ReportAsync(HttpRequest request, ApiResult? refusal, CancellationToken ct)
    {
        if (refusal is not null)
        {
            logger.LogWarning("Status: refused a request ({Status}): missing or wrong operator key, or a key in the URL", refusal.StatusCode);
            return (null, refusal);
        }
        try
        {
            return (await builder.BuildAsync(ct), null);
        }
        catch (Exception e) when (StorageFailure.IsStorageOutage(e))
        {
            logger.LogError("Status: storage unavailable ({Error})", e.GetType().Name);
            return (null, ApiResult.Error(StatusCodes.Status503ServiceUnavailable, "storage is unavailable; retry later"));
        }
    }
}
