using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Pipeline.Configuration;

namespace Pipeline.Http;

/// <summary>
/// An HTTP answer built by the library and written by either host: Kestrel (as <see cref="IResult"/>) or the
/// Functions ASP.NET Core integration (as <see cref="IActionResult"/>).
/// </summary>
public sealed class ApiResult : IResult, IActionResult
{
    public int StatusCode { get; init; }
    public string? ContentType { get; init; }
    public string? Body { get; init; }
    public byte[]? BodyBytes { get; init; }
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<string> SetCookies { get; } = [];

    public static ApiResult Status(int status) => new() { StatusCode = status };

    public static ApiResult JsonBody(int status, object value) => new()
    {
        StatusCode = status,
        ContentType = "application/json; charset=utf-8",
        Body = JsonSerializer.Serialize(value, Json.Options),
    };

    /// <summary>A 4xx with a clear message: <c>{"error": "..."}</c>.</summary>
    public static ApiResult Error(int status, string message) => JsonBody(status, new { error = message });

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in Headers) response.Headers[name] = value;
        foreach (var cookie in SetCookies) response.Headers.Append("Set-Cookie", cookie);
        if (ContentType is not null) response.ContentType = ContentType;
        if (BodyBytes is not null) await response.Body.WriteAsync(BodyBytes, httpContext.RequestAborted);
        else if (Body is not null) await response.WriteAsync(Body, httpContext.RequestAborted);
    }

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);
}
