using Microsoft.AspNetCore.Http;
using Pipeline.Configuration;

namespace Pipeline.Http;

/// <summary>Checks the <c>x-api-key</c> header against the configured keys in constant time.</summary>
public sealed class ApiKeyAuthenticator(PipelineOptions options)
{
    public const string Header = "x-api-key";

    private readonly KeyDigests _keys = new(options.ApiKeyList());

    public bool IsAuthorized(HttpRequest request) => _keys.Matches(request.Headers[Header].ToString());

    public static ApiResult Unauthorized() =>
        ApiResult.Error(StatusCodes.Status401Unauthorized, $"missing or wrong {Header} header");
}
