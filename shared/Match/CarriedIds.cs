namespace Pipeline.Match;

/// <summary>How the matcher reads the visitor ids an event carries.</summary>
public static class CarriedIds
{
    /// <summary>Most carried visitor ids looked up per event.</summary>
    public const int MaxCarried = 10;

    /// <summary>
    /// Prefixes of ids that name a customer account rather than one browser: its linked visitors are all the
    /// customer's devices, which is identity evidence (rule 3), not a carried visitor (rule 1).
    /// </summary>
    public static readonly IReadOnlyList<string> CustomerPrefixes = ["shopify-customer:", "stripe-customer:"];

    public static bool IsCustomer(string id) => CustomerPrefixes.Any(p => id.StartsWith(p, StringComparison.Ordinal));
}
