using System.Text;
using Pipeline.Destinations.Platform;

namespace Pipeline.Destinations.Ga4;

/// <summary>GA4 recommended event names for the standard event names.</summary>
public static class Ga4EventNames
{
    /// <summary>The target's own mapped name when it has one, else the recommended name, else snake_case of the name.</summary>
    public static readonly EventNameMap Map = EventNameMap.Of(
    [
        ("Purchase", "purchase"), ("Refund", "refund"), ("AddToCart", "add_to_cart"), ("RemoveFromCart", "remove_from_cart"),
        ("AddToWishlist", "add_to_wishlist"), ("ViewContent", "view_item"), ("ViewCart", "view_cart"),
        ("InitiateCheckout", "begin_checkout"), ("AddShippingInfo", "add_shipping_info"), ("AddPaymentInfo", "add_payment_info"),
        ("Lead", "generate_lead"), ("CompleteRegistration", "sign_up"), ("Login", "login"), ("Search", "search"),
        ("PageView", "page_view"), ("Subscribe", "subscribe"), ("StartTrial", "start_trial"),
    ], SnakeCase);

    /// <summary>The name to send: GA4 takes any event name, so there always is one (see <see cref="Map"/>).</summary>
    public static string For(string standardName, string? mappedName = null) => Map.For(standardName, mappedName)!;

    /// <summary>Events whose params carry the transaction: GA4 deduplicates purchases and matches refunds by it.</summary>
    public static bool IsTransaction(string ga4Name) => ga4Name is "purchase" or "refund";

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && name[i - 1] != '_') sb.Append('_');
            sb.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }
        return sb.ToString();
    }
}
