namespace Pipeline.Match.Consent;

/// <summary>What consent allows for one destination, with the reason written to the ledger.</summary>
public sealed record ConsentDecision
{
    public bool Send { get; init; }
    public bool LimitedDataUse { get; init; }
    public bool AdPersonalizationDenied { get; init; }

    /// <summary>Why, for the ledger; starts with <c>consent:</c>.</summary>
    public string Reason { get; init; } = "";

    public static ConsentDecision Skip(string why) => new() { Send = false, Reason = "consent: " + why };
    public static ConsentDecision Allow(string why) => new() { Send = true, Reason = "consent: " + why };
}
