namespace Pipeline.Sources;

/// <summary>ISO-4217 minor units as Stripe counts them: amounts arrive as integers of the currency's smallest unit.</summary>
public static class MinorUnits
{
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "BHD", "JOD", "KWD", "OMR", "TND",
    };

    /// <summary>Decimal places of the currency's minor unit; ISK, HUF and TWD count two, as Stripe sends them.</summary>
    public static int Exponent(string currency) =>
        ZeroDecimal.Contains(currency) ? 0 : ThreeDecimal.Contains(currency) ? 3 : 2;

    /// <summary>Exact decimal with the currency's scale: USD 50000 → 500.00, JPY 800 → 800, KWD 12340 → 12.340.</summary>
    public static decimal ToDecimal(long amount, string currency)
    {
        var magnitude = amount < 0 ? unchecked((ulong)(-(amount + 1)) + 1) : (ulong)amount;
        return new decimal(
            lo: unchecked((int)(uint)magnitude),
            mid: unchecked((int)(uint)(magnitude >> 32)),
            hi: 0,
            isNegative: amount < 0,
            scale: (byte)Exponent(currency));
    }
}
