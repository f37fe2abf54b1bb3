using Pipeline.Events;

namespace Pipeline.Match.Consent;

/// <summary>
/// Decides, per destination type, what the visitor's consent at conversion time allows. Ad destinations read the
/// Consent Mode ad signals; GA4 reads <c>analytics_storage</c>. The policy table is in <c>docs/matching.md</c>.
/// </summary>
public sealed class ConsentPolicy
{
    private readonly ConsentOptions _options;
    private readonly string _unknownCountryRegion;

    /// <param name="shopCountry">The shop's own country (<c>Pipeline:DefaultRegion</c>): the region of buyers of unknown country.</param>
    public ConsentPolicy(ConsentOptions options, string shopCountry)
    {
        _options = options;
        _unknownCountryRegion = string.IsNullOrWhiteSpace(options.UnknownCountryRegion)
            ? RegionOf(shopCountry)
            : options.UnknownCountryRegion.Trim().ToUpperInvariant();
    }

    /// <summary>The region of a country (ISO alpha-2); a null country is the configured region for unknown countries.</summary>
    public string RegionOf(string? country)
    {
        if (string.IsNullOrWhiteSpace(country)) return _unknownCountryRegion;
        var code = country.Trim().ToUpperInvariant();
        if (_options.Regions.TryGetValue(code, out var configured) && !string.IsNullOrWhiteSpace(configured))
            return configured.Trim().ToUpperInvariant();
        return ConsentRegions.Defaults.GetValueOrDefault(code, ConsentRegions.Other);
    }

    /// <summary>True when unknown consent in <paramref name="region"/> means allowed.</summary>
    public bool UnknownAllowed(string region)
    {
        var setting = _options.UnknownDefault.TryGetValue(region, out var configured) ? configured
            : ConsentRegions.UnknownDefaults.GetValueOrDefault(region, ConsentOptions.Deny);
        return string.Equals(setting?.Trim(), ConsentOptions.Allow, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The decision for one destination.</summary>
    /// <param name="state">Consent at conversion time; null = no signal.</param>
    /// <param name="consentType">The destination's type for consent purposes (<see cref="ConsentTypes.For"/>).</param>
    /// <param name="region">The buyer's region (<see cref="RegionOf"/>).</param>
    public ConsentDecision Decide(ConsentState? state, string consentType, string region)
    {
        var type = consentType.ToLowerInvariant();
        bool known;
        if (type == ConsentTypes.Ga4)
        {
            var analytics = ConsentSignals.Read(state?.AnalyticsStorage);
            if (analytics == false) return ConsentDecision.Skip("analytics_storage denied");
            known = analytics is not null;
        }
        else
        {
            var ads = ConsentSignals.Read(state?.AdStorage);
            var userData = ConsentSignals.Read(state?.AdUserData);
            if (ads == false) return ConsentDecision.Skip("ad_storage denied");
            if (userData == false) return ConsentDecision.Skip("ad_user_data denied");
            known = ads is not null || userData is not null;
        }

        string basis;
        if (known) basis = "granted";
        else if (UnknownAllowed(region)) basis = $"unknown, region {region} allows unknown";
        else return ConsentDecision.Skip($"unknown, region {region} denies unknown");

        var decision = ConsentDecision.Allow(basis);
        if (state?.SaleOfDataOptOut == true)
        {
            decision = type switch
            {
                ConsentTypes.Meta => decision with { LimitedDataUse = true, Reason = decision.Reason + "; US sale/share opt-out: Meta LDU" },
                ConsentTypes.TikTok => decision with { LimitedDataUse = true, Reason = decision.Reason + "; US sale/share opt-out: TikTok limited_data_use" },
                ConsentTypes.Snapchat => decision with { LimitedDataUse = true, Reason = decision.Reason + "; US sale/share opt-out: Snapchat LDU" },
                _ => ConsentDecision.Skip($"US sale/share opt-out; {type} has no limited-data mode"),
            };
            if (!decision.Send) return decision;
        }

        if (ConsentSignals.Read(state?.AdPersonalization) == false)
            decision = decision with { AdPersonalizationDenied = true, Reason = decision.Reason + "; ad_personalization denied" };
        return decision;
    }
}
