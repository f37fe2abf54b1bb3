using System.Security.Cryptography;

namespace Pipeline.Sources.Shopify;

/// <summary>Checks <c>X-Shopify-Hmac-Sha256</c>: base64(HMAC-SHA256(secret, raw body)), with any of the shop's secrets.</summary>
public static class ShopifySignatureVerifier
{
    /// <param name="body">The raw request bytes, exactly as received: any re-serialisation breaks the signature.</param>
    public static bool IsValid(ReadOnlySpan<byte> body, string? hmacHeader, IEnumerable<string> secrets)
    {
        if (string.IsNullOrWhiteSpace(hmacHeader)) return false;
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(hmacHeader.Trim(), expected, out var written) || written != expected.Length)
            return false;

        Span<byte> actual = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var valid = false;
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret)) continue;
            HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body, actual);
            // Every secret is tried so the time taken does not tell which one matched.
            valid |= CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        return valid;
    }

    /// <summary>The header value Shopify would send for this body and secret.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));
}
