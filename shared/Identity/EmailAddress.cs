namespace Pipeline.Identity;

/// <summary>A deliberately plain check that a normalized string has the shape of an e-mail address.</summary>
internal static class EmailAddress
{
    private const int MaxLength = 254;

    // Forbidden outside a quoted local part; quoted local parts are too rare in shop data to accept.
    private const string ForbiddenCharacters = "()<>,;:\\\"[]";

    /// <summary>
    /// One '@', a non-empty local part, and a domain of at least two non-empty labels whose last has two or more
    /// characters. Non-ASCII (internationalized) addresses pass; white space and control characters do not.
    /// </summary>
    public static bool IsValid(string value)
    {
        if (value.Length > MaxLength) return false;
        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || ForbiddenCharacters.Contains(c))) return false;

        var at = value.IndexOf('@');
        if (at <= 0 || at != value.LastIndexOf('@')) return false;

        var labels = value[(at + 1)..].Split('.');
        return labels.Length >= 2 && labels.All(label => label.Length > 0 && label[0] != '-' && label[^1] != '-')
            && labels[^1].Length >= 2;
    }
}
