namespace Pipeline.Match.Consent;

/// <summary>Consent settings (<c>Pipeline:Consent:*</c>), applied over <see cref="ConsentRegions"/>' shipped defaults.</summary>
public sealed class ConsentOptions
{
    public const string Section = "Pipeline:Consent";
    public const string Allow = "allow";
    public const string Deny = "deny";

    /// <summary>Country (ISO alpha-2) → region name, e.g. <c>Regions:CH=EEA</c>; unlisted countries are <c>OTHER</c>.</summary>
    public Dictionary<string, string> Regions { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Region → <c>allow</c> or <c>deny</c> when the visitor gave no consent signal; regions not listed: deny.</summary>
    public Dictionary<string, string> UnknownDefault { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Region assumed when the buyer's country is unknown (no event country, no visitor geo). Empty: the region of
    /// <c>Pipeline:DefaultRegion</c>, the shop's own country.
    /// </summary>
    public string UnknownCountryRegion { get; set; } = "";

    /// <summary>
    /// How long after the conversion a consent recorded by the browser still counts as given at conversion time
    /// (the thank-you page records it a moment after the order; clocks differ).
    /// </summary>
    public int LateConsentToleranceSeconds { get; set; } = 600;
}
