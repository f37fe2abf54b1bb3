using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Destinations.Meta;

/// <summary>Meta's <c>appsecret_proof</c>: proves the caller holds the app secret as well as the token.</summary>
public static class MetaAppSecretProof
{
    /// <summary>Lowercase hex HMAC-SHA256 of the access token, keyed with the app secret.</summary>
    public static string Compute(string appSecret, string accessToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(accessToken)));
}
