using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Pipeline.Operations;

namespace Pipeline.Http;

/// <summary>Checks an operator key (<c>x-operator-key</c> header) against <c>Pipeline:OperatorKeys</c> in constant time.</summary>
public sealed class OperatorKeyAuthenticator(OperationsOptions options)
{
    public const string Header = "x-operator-key";

    /// <summary>The query parameter the status page also accepts, so a browser can open it.</summary>
    public const string QueryParameter = "key";

    private readonly byte[][] _keys = options.OperatorKeyList().Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k))).ToArray();

    public bool IsAuthorized(HttpRequest request) => IsAuthorized(request.Headers[Header].ToString());

    /// <summary>Header first, else <c>?key=</c>: for pages opened in a browser, where no header can be set.</summary>
    public bool IsAuthorizedByHeaderOrQuery(HttpRequest request) =>
        IsAuthorized(request) || IsAuthorized(request.Query[QueryParameter].ToString());

    public bool IsAuthorized(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || _keys.Length == 0) return false;
        // Comparing fixed-length digests keeps the time independent of where, and whether, the key differs.
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var ok = false;
        foreach (var key in _keys) ok |= CryptographicOperations.FixedTimeEquals(digest, key);
        return ok;
    }

    public static ApiResult Unauthorized() =>
        ApiResult.Error(StatusCodes.Status401Unauthorized, $"missing or wrong {Header} header");
}
