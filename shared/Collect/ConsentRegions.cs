using Pipeline.Identity;

namespace Pipeline.Collect;

/// <summary>The countries where ads consent must be given before anything about a visitor is stored.</summary>
public sealed class ConsentRegions
{
    private static readonly string[] Eu =
        "at be bg hr cy cz dk ee fi fr de gr hu ie it lv lt lu mt nl pl pt ro sk si es se".Split(' ');

    private static readonly Dictionary<string, string[]> Groups = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EU"] = Eu,
        ["EEA"] = [.. Eu, "is", "li", "no"],
    };

    private readonly HashSet<string> _countries;

    /// <param name="setting">Comma-separated alpha-2 codes and groups (<c>EEA</c>, <c>EU</c>, <c>UK</c>); unknown tokens are ignored.</param>
    public ConsentRegions(string? setting)
    {
        _countries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Groups.TryGetValue(token, out var members)) _countries.UnionWith(members);
            else if (CountryCodes.Normalize(token) is { } code) _countries.Add(code);
        }
    }

    public bool IsEmpty => _countries.Count == 0;

    /// <summary>True when the visitor's country (any case, <c>UK</c> = <c>GB</c>) needs consent; an unknown country does not.</summary>
    public bool RequiresConsent(string? country) =>
        CountryCodes.Normalize(country) is { } code && _countries.Contains(code);
}
