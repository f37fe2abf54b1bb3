using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Http;

/// <summary>A set of secret keys, compared with a presented key in constant time.</summary>
public sealed class KeyDigests(IEnumerable<string> keys)
{
    private readonly byte[][] _digests = keys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k))).ToArray();

    public bool Matches(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || _digests.Length == 0) return false;
        // Comparing fixed-length digests keeps the time independent of where, and whether, the key differs.
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var ok = false;
        foreach (var key in _digests) ok |= CryptographicOperations.FixedTimeEquals(digest, key);
        return ok;
    }
}
