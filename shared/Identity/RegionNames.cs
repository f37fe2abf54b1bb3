namespace Pipeline.Identity;

/// <summary>
/// What every platform's state/region rule shares: the code of a US state or Canadian province from its name, and a
/// region value without its ISO 3166-2 country prefix. Each normalizer then applies its own character rules.
/// </summary>
public static class RegionNames
{
    /// <summary>
    /// True when the country has a list of its own: then <paramref name="code"/> is the code (for the US, null when the
    /// value is not one of its states, so a foreign name is dropped rather than hashed as a US state).
    /// </summary>
    public static bool TryListedCode(string value, string? countryCode, out string? code)
    {
        code = countryCode switch
        {
            "us" => UsStates.Code(value),
            // Canadian names read as the codes Shopify and most forms send, so one buyer hashes alike from every source.
            "ca" => CanadianProvinces.Code(value),
            _ => null,
        };
        return countryCode == "us" || code is not null;
    }

    /// <summary>The trimmed value without a leading <c>{country}-</c> (<c>DE-BY</c> → <c>BY</c>).</summary>
    public static string WithoutCountryPrefix(string value, string? countryCode)
    {
        var trimmed = UnicodeText.Trim(value);
        return countryCode is not null && trimmed.Length > 3 && trimmed[2] == '-'
            && trimmed.StartsWith(countryCode, StringComparison.OrdinalIgnoreCase)
            ? trimmed[3..]
            : trimmed;
    }
}
