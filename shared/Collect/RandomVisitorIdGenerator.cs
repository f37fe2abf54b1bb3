using System.Security.Cryptography;

namespace Pipeline.Collect;

/// <summary>128 random bits, base64url without padding (22 characters): unguessable, so nobody can claim another's id.</summary>
public sealed class RandomVisitorIdGenerator(RandomNumberGenerator random) : IVisitorIdGenerator
{
    public string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.GetBytes(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
