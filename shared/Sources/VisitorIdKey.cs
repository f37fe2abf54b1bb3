namespace Pipeline.Sources;

/// <summary>
/// The name under which the storefront carries the pipeline's visitor id into an order: a Shopify cart attribute
/// (it becomes the order's <c>note_attributes</c>) or a Stripe <c>metadata</c> key. The leading underscore keeps it
/// out of the buyer's sight where the platform hides such attributes; the snippet writes the same name.
/// </summary>
public static class VisitorIdKey
{
    public const string Default = "_pvid";

    /// <summary>Longest visitor id accepted from a payload.</summary>
    public const int MaxLength = 128;

    /// <summary>
    /// True when a value that arrived through the buyer's browser can be a visitor id: short printable ASCII without
    /// the characters table keys forbid. Anything else did not come from our snippet and is dropped.
    /// </summary>
    public static bool IsPlausible(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength) return false;
        foreach (var c in value)
            if (c is <= ' ' or > '~' or '/' or '\\' or '#' or '?') return false;
        return true;
    }
}
