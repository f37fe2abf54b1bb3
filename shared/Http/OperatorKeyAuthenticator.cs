using Microsoft.AspNetCore.Http;
using Pipeline.Configuration;

namespace Pipeline.Http;

/// <summary>
/// Checks the <c>x-operator-key</c> header of operator endpoints against <c>Pipeline:OperatorKeys</c> in constant
/// time. Kept apart from the server API's keys: a shop backend that may send events must not replay dead letters.
/// A key in the URL lands in proxies' logs and browser history, so only the status page's own GET takes one there.
/// </summary>
public sealed class OperatorKeyAuthenticator(PipelineOptions options)
{
    public const string Header = "x-operator-key";

    /// <summary>The query parameter the status page also accepts, so a browser can open it.</summary>
    public const string QueryParameter = "key";

    /// <summary>Query parameters a caller might put a key in; every endpoint but the status page refuses them.</summary>
    private static readonly string[] KeyQueryParameters = [QueryParameter, Header, "operator_key", "api_key"];

    private readonly KeyDigests _keys = new(options.OperatorKeyList());

    public bool IsAuthorized(HttpRequest request) => _keys.Matches(request.Headers[Header].ToString());

    public bool IsAuthorized(string? presented) => _keys.Matches(presented);

    /// <summary>
    /// Null when the header holds a valid key; else the answer: 400 when a key was put in the URL (whether right or
    /// wrong: it is already in someone's log, and the caller must learn to use the header), 401 when it is missing
    /// or wrong.
    /// </summary>
    public ApiResult? Refusal(HttpRequest request)
    {
        if (KeyInUrl(request)) return KeyInUrlRefused();
        return IsAuthorized(request) ? null : Unauthorized();
    }

    /// <summary>
    /// For the status page's own GET, opened in a browser where no header can be set: the header, else <c>?key=</c>.
    /// </summary>
    public ApiResult? RefusalAllowingUrlKey(HttpRequest request) =>
        IsAuthorized(request) || _keys.Matches(request.Query[QueryParameter].ToString()) ? null : Unauthorized();

    public static bool KeyInUrl(HttpRequest request) => KeyQueryParameters.Any(name => request.Query.ContainsKey(name));

    public static ApiResult Unauthorized() =>
        ApiResult.Error(StatusCodes.Status401Unauthorized, $"missing or wrong {Header} header");

    public static ApiResult KeyInUrlRefused() =>
        ApiResult.Error(StatusCodes.Status400BadRequest,
            $"the operator key goes in the {Header} header, never in the URL (only GET /api/status takes ?{QueryParameter}=); rotate a key that was sent in a URL");
}
