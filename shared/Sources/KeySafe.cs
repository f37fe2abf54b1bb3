using System.Globalization;
using System.Text;

namespace Pipeline.Sources;

/// <summary>
/// Makes a value from the outside usable inside a table key: Azure Table keys may not contain <c>/ \ # ?</c> or
/// control characters. Escaping (rather than stripping) keeps distinct inputs distinct.
/// </summary>
public static class KeySafe
{
    /// <summary>Longest escaped segment kept; table keys hold at most 1 KiB.</summary>
    public const int MaxLength = 256;

    /// <summary>Percent-escapes <c>% / \ # ?</c> and control characters; truncates to <see cref="MaxLength"/>.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '%' or '/' or '\\' or '#' or '?' || char.IsControl(c))
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else
                builder.Append(c);
            if (builder.Length >= MaxLength) break;
        }
        return builder.Length > MaxLength ? builder.ToString(0, MaxLength) : builder.ToString();
    }
}
