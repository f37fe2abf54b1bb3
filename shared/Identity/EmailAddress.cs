namespace Pipeline.Identity;

/// <summary>Checks that a normalized string is an e-mail address, as strictly as Meta's reference implementation.</summary>
internal static class EmailAddress
{
    private const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;
    private const int MaxLabelLength = 63;

    // RFC 5322 "atext": what an unquoted local part may hold besides letters and digits.
    private const string LocalPartSymbols = "!#$%&'*+/=?^_`{|}~-";

    /// <summary>
    /// A local part of dot-separated atoms (no dot at its start or end, no two dots in a row), one '@', and a domain
    /// of at least two labels of letters, digits and inner hyphens (no underscore) whose last has two or more
    /// characters and is not all digits. Quoted local parts and IP-literal domains are refused: too rare in shop
    /// data to be real. Non-ASCII letters pass (internationalized addresses), kept on purpose.
    /// </summary>
    public static bool IsValid(string value)
    {
        if (value.Length > MaxLength) return false;
        var at = value.IndexOf('@');
        if (at <= 0 || at != value.LastIndexOf('@')) return false;

        var local = value[..at];
        var labels = value[(at + 1)..].Split('.');
        return local.Length <= MaxLocalPartLength
            && local.Split('.').All(atom => atom.Length > 0 && atom.All(IsLocalPartCharacter))
            && labels.Length >= 2
            && labels.All(IsDomainLabel)
            && labels[^1].Length >= 2 && !labels[^1].All(char.IsAsciiDigit);
    }

    private static bool IsLocalPartCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || LocalPartSymbols.Contains(c) || (c > 127 && char.IsLetterOrDigit(c));

    private static bool IsDomainLabel(string label) =>
        label.Length is > 0 and <= MaxLabelLength && label[0] != '-' && label[^1] != '-'
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || (c > 127 && char.IsLetterOrDigit(c)));
}
