namespace Pipeline.Identity;

/// <summary>Recognizes an identifier the caller already hashed (64 hex characters), so it is never hashed twice.</summary>
internal static class PreHashedValue
{
    private const int Sha256HexLength = 64;

    /// <summary>True when the trimmed value is 64 hex characters; <paramref name="hash"/> is then its lowercase form.</summary>
    public static bool TryRead(string value, out string hash)
    {
        var trimmed = UnicodeText.Trim(value);
        if (trimmed.Length == Sha256HexLength && trimmed.All(char.IsAsciiHexDigit))
        {
            hash = trimmed.ToLowerInvariant();
            return true;
        }
        hash = "";
        return false;
    }
}
