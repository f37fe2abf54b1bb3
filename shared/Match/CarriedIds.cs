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

    /// <summary>
    /// True when the collector can have written a visitor partition for this id: it writes only ids of its own form
    /// (<see cref="Collect.CollectorCookies.IsVisitorId"/>), so reading the profile of any other id is a wasted read.
    /// </summary>
    public static bool CanBeVisitor(string id) => Collect.CollectorCookies.IsVisitorId(id);

    /// <summary>
    /// True when the collector can have linked this id to a visitor: every link it writes names a shop's id in the
    /// <c>source-kind:value</c> form (<see cref="Collect.LinkedVisitorIds"/>), which our own visitor ids never have.
    /// </summary>
    public static bool CanBeLinked(string id) => id.Contains(':', StringComparison.Ordinal);
}
