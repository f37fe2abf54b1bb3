namespace Pipeline.Telemetry;

/// <summary>
/// Keeps metric dimension values bounded: identifiers and categories only, never free text, so no value can carry
/// an e-mail, an IP or a platform's error message into Azure Monitor.
/// </summary>
public static class MetricTag
{
    /// <summary>What a value outside the allowed shape is reported as.</summary>
    public const string Other = "other";

    private const int MaxLength = 48;

    /// <summary>
    /// The value when it looks like an identifier (letters, digits, <c>_ - . :</c>, at most 48 characters),
    /// lowercased; otherwise <see cref="Other"/>. Destination ids, rule and source names pass unchanged.
    /// </summary>
    public static string Bounded(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength) return Other;
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':')) return Other;
        }
        // '@' is already excluded above; a value of digits and dots only could be an IPv4 address.
        return LooksLikeIpv4(value) ? Other : value.ToLowerInvariant();
    }

    private static bool LooksLikeIpv4(string value) =>
        value.Count(c => c == '.') == 3 && value.All(c => char.IsAsciiDigit(c) || c == '.');
}
