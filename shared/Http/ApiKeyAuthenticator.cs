using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Pipeline.Configuration;

namespace Pipeline.Http;

/// <summary>Checks the <c>x-api-key</c> header against the configured keys in constant time.</summary>
public sealed class ApiKeyAuthenticator(PipelineOptions options)
{
    public const string Header = "x-api-key";

    private readonly byte[][] _keys = options.ApiKeyList().Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k))).ToArray();

    public bool IsAuthorized(HttpRequest request)
    {
        var presented = request.Headers[Header].ToString();
        if (presented.Length == 0 || _keys.Length == 0) return false;
        // Comparing fixed-length digests keeps the time independent of where, and whether, the key differs.
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var ok = false;
        foreach (var key in _keys) ok |= CryptographicOperations.FixedTimeEquals(digest, key);
        return ok;
    }

    public static ApiResult Unauthorized() =>
        ApiResult.Error(StatusCodes.Status401Unauthorized, $"missing or wrong {Header} header");
}
