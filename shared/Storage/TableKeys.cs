using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Storage;

/// <summary>
/// Turns any input into a valid PartitionKey/RowKey: the characters tables forbid (<c>/ \ # ?</c>, control
/// characters) and our escape character are written as <c>~XX</c> (UTF-8 hex); over-long keys are cut and suffixed
/// with a hash so distinct inputs stay distinct.
/// </summary>
public static class TableKeys
{
    private const int MaxLength = 512;

    public static string Encode(string value) => Encode(value, prefix: "");

    /// <summary>
    /// A literal prefix (already key-safe, e.g. <c>event~</c>) followed by the encoded value, the whole kept within
    /// the key length limit the same way.
    /// </summary>
    public static string Encode(string value, string prefix)
    {
        var sb = new StringBuilder(prefix, prefix.Length + value.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (IsSafe(rune))
            {
                sb.Append(rune.ToString());
                continue;
            }
            var n = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < n; i++) sb.Append('~').Append(bytes[i].ToString("X2"));
        }

        if (sb.Length <= MaxLength) return sb.ToString();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        return sb.ToString(0, MaxLength - 65) + "~" + hash;
    }

    private static bool IsSafe(Rune r) =>
        r.Value is >= 0x20 and not 0x7F and not '/' and not '\\' and not '#' and not '?' and not '~' and not '\'' and not '%'
        && !Rune.IsControl(r) && r.Value < 0x80;
}
