namespace Pipeline.Privacy;

/// <summary>Finds an e-mail address anywhere inside a text (a decoded query value, a JSON blob in one, a fragment).</summary>
internal static class EmailInText
{
    // Characters that can end an address's local part just before its '@'.
    private const string LocalPartSymbols = "._%+-'!#$&*/=?^`{|}~";

    /// <summary>
    /// True when some '@' has a local-part character before it and a domain of two or more labels after it, the last
    /// of two or more characters (<c>x@shop.example</c>). Deliberately generous: a false alarm only removes a parameter.
    /// </summary>
    public static bool Contains(string text)
    {
        for (var at = text.IndexOf('@'); at >= 0; at = text.IndexOf('@', at + 1))
            if (at > 0 && IsLocalPartCharacter(text[at - 1]) && IsDomainAt(text, at + 1)) return true;
        return false;
    }

    private static bool IsLocalPartCharacter(char c) => char.IsLetterOrDigit(c) || LocalPartSymbols.Contains(c);

    private static bool IsDomainAt(string text, int start)
    {
        var end = start;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '-' or '.')) end++;
        var labels = text[start..end].TrimEnd('.').Split('.');
        return labels.Length >= 2 && labels.All(label => label.Length > 0) && labels[^1].Length >= 2;
    }
}
