using Microsoft.AspNetCore.Http;
using Pipeline.Configuration;

namespace Pipeline.Http;

/// <summary>
/// Checks the <c>x-operator-key</c> header of operator endpoints against <c>Pipeline:OperatorKeys</c> in constant
/// time. Kept apart from the server API's keys: a shop backend that may send events must not replay dead letters.
/// </summary>
public sealed class OperatorKeyAuthenticator(PipelineOptions options)
{
    public const string Header = "x-operator-key";

    /// <summary>The query parameter the status page also accepts, so a browser can open it.</summary>
    public const string QueryParameter = "key";

    private readonly KeyDigests _keys = new(options.OperatorKeyList());

    public bool IsAuthorized(HttpRequest request) => _keys.Matches(request.Headers[Header].ToString());

    /// <summary>Header first, else <c>?key=</c>: for pages opened in a browser, where no header can be set.</summary>
    public bool IsAuthorizedByHeaderOrQuery(HttpRequest request) =>
        IsAuthorized(request) || _keys.Matches(request.Query[QueryParameter].ToString());

    public bool IsAuthorized(string? presented) => _keys.Matches(presented);

    public static ApiResult Unauthorized() =>
        ApiResult.Error(StatusCodes.Status401Unauthorized, $"missing or wrong {Header} header");
}
