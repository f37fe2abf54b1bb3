using System.Globalization;
using Microsoft.Extensions.Configuration;
using Pipeline.Sources.Shopify;
using Pipeline.Sources.Stripe;

namespace Pipeline.Sources;

/// <summary>
/// Reads <c>Pipeline:Sources</c> by hand rather than with the binder, so that a secret list can be one
/// comma-separated value (what a Key Vault reference resolves to) or indexed (<c>Secrets:0</c>, <c>Secrets:1</c>),
/// and so that every mistake, including a misspelt key, becomes a clear start-up error.
/// </summary>
public static class SourcesConfiguration
{
    public const string Section = "Pipeline:Sources";

    public const int DefaultMaxBodyBytes = 1024 * 1024;

    private const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    private static readonly string[] SourcesKeys = ["MaxBodyBytes", "Shopify", "Stripe"];

    private static readonly string[] ShopifyKeys =
        ["Shops", "PurchaseTopic", "Currency", "VisitorIdAttribute", "EventIdTemplate", "DefaultActionSource"];

    private static readonly string[] ShopKeys = ["Domain", "Secrets"];

    private static readonly string[] StripeKeys =
    [
        "Secrets", "ToleranceSeconds", "PurchaseEvent", "SubscriptionStartEventName", "SubscriptionRenewalEventName",
        "VisitorIdMetadataKey", "OrderIdMetadataKey", "EventIdTemplate", "DefaultActionSource",
    ];

    /// <summary>The settings, or throws listing every configuration mistake.</summary>
    public static SourcesSettings Load(IConfiguration configuration)
    {
        var (settings, errors) = Read(configuration);
        if (errors.Count > 0)
            throw new InvalidOperationException("Invalid webhook source settings:" + Environment.NewLine
                + string.Join(Environment.NewLine, errors.Select(e => " - " + e)));
        return settings;
    }

    /// <summary>The settings and the configuration mistakes found (empty when usable).</summary>
    public static (SourcesSettings Settings, IReadOnlyList<string> Errors) Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var errors = new List<string>();
        Unknown(section, SourcesKeys, errors);
        var maxBody = Integer(section, "MaxBodyBytes", DefaultMaxBodyBytes, errors);
        if (maxBody <= 0) errors.Add($"{section.Path}:MaxBodyBytes must be positive.");
        return (new SourcesSettings
        {
            MaxBodyBytes = (int)Math.Clamp(maxBody, 1, int.MaxValue),
            Shopify = ReadShopify(section.GetSection("Shopify"), errors),
            Stripe = ReadStripe(section.GetSection("Stripe"), errors),
        }, errors);
    }

    /// <summary>Null (not configured) when no shop is listed.</summary>
    private static ShopifySettings? ReadShopify(IConfigurationSection section, List<string> errors)
    {
        Unknown(section, ShopifyKeys, errors);
        var shops = new List<ShopifyShop>();
        foreach (var child in Indexed(section.GetSection("Shops")))
        {
            Unknown(child, ShopKeys, errors);
            shops.Add(new ShopifyShop { Domain = child["Domain"]?.Trim() ?? "", Secrets = Secrets(child, errors) });
        }
        var defaults = new ShopifySettings();
        var currency = defaults.Currency;
        if (section["Currency"] is { Length: > 0 } currencyText
            && !(Enum.TryParse(currencyText, ignoreCase: true, out currency) && Enum.IsDefined(currency) && !char.IsDigit(currencyText[0])))
            errors.Add($"{section.Path}:Currency must be {ShopifyMoneyBasis.Presentment} or {ShopifyMoneyBasis.Shop}.");

        var settings = new ShopifySettings
        {
            Shops = shops,
            PurchaseTopic = Text(section, "PurchaseTopic") ?? defaults.PurchaseTopic,
            Currency = currency,
            VisitorIdAttribute = Text(section, "VisitorIdAttribute") ?? defaults.VisitorIdAttribute,
            EventIdTemplate = Text(section, "EventIdTemplate") ?? defaults.EventIdTemplate,
            DefaultActionSource = Text(section, "DefaultActionSource") ?? defaults.DefaultActionSource,
        };
        errors.AddRange(settings.Validate().Select(e => $"{section.Path}: {e}"));
        foreach (var duplicate in shops.GroupBy(s => s.Domain, StringComparer.OrdinalIgnoreCase).Where(g => g.Key.Length > 0 && g.Count() > 1))
            errors.Add($"{section.Path}: shop {duplicate.Key} is listed more than once.");
        return shops.Count > 0 ? settings : null;
    }

    /// <summary>Null (not configured) when the section is absent; once present it must be complete.</summary>
    private static StripeSettings? ReadStripe(IConfigurationSection section, List<string> errors)
    {
        if (!section.Exists()) return null;
        Unknown(section, StripeKeys, errors);
        var defaults = new StripeSettings();
        var settings = new StripeSettings
        {
            Secrets = Secrets(section, errors),
            ToleranceSeconds = Integer(section, "ToleranceSeconds", defaults.ToleranceSeconds, errors),
            PurchaseEvent = Text(section, "PurchaseEvent") ?? defaults.PurchaseEvent,
            SubscriptionStartEventName = Optional(section, "SubscriptionStartEventName", defaults.SubscriptionStartEventName),
            SubscriptionRenewalEventName = Optional(section, "SubscriptionRenewalEventName", defaults.SubscriptionRenewalEventName),
            VisitorIdMetadataKey = Text(section, "VisitorIdMetadataKey") ?? defaults.VisitorIdMetadataKey,
            OrderIdMetadataKey = Text(section, "OrderIdMetadataKey") ?? defaults.OrderIdMetadataKey,
            EventIdTemplate = Text(section, "EventIdTemplate") ?? defaults.EventIdTemplate,
            DefaultActionSource = Text(section, "DefaultActionSource") ?? defaults.DefaultActionSource,
        };
        errors.AddRange(settings.Validate().Select(e => $"{section.Path}: {e}"));
        return settings;
    }

    /// <summary>
    /// <c>Secrets</c> as one comma-separated value, as indexed entries, or both; each entry may itself hold a
    /// comma-separated list. Signing secrets never contain commas.
    /// </summary>
    private static IReadOnlyList<string> Secrets(IConfigurationSection owner, List<string> errors)
    {
        var section = owner.GetSection("Secrets");
        var values = new List<string?> { section.Value };
        values.AddRange(Indexed(section).Select(c => c.Value));
        var secrets = values
            .Where(v => v is not null)
            .SelectMany(v => v!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (secrets.Any(s => s.StartsWith(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase)))
            errors.Add($"{section.Path} holds a Key Vault reference that was not resolved: check the app's identity can read the secret.");
        return secrets;
    }

    /// <summary>Children in index order (<c>0</c>, <c>1</c>, … <c>10</c>), then any named ones.</summary>
    private static IEnumerable<IConfigurationSection> Indexed(IConfigurationSection section) =>
        section.GetChildren()
            .OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
            .ThenBy(c => c.Key, StringComparer.Ordinal);

    private static string? Text(IConfigurationSection section, string key) =>
        section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>An absent key keeps the default; a key set to an empty value switches the feature off (null).</summary>
    private static string? Optional(IConfigurationSection section, string key, string? fallback) =>
        section.GetSection(key).Value is { } value ? (string.IsNullOrWhiteSpace(value) ? null : value.Trim()) : fallback;

    private static long Integer(IConfigurationSection section, string key, long fallback, List<string> errors)
    {
        if (Text(section, key) is not { } text) return fallback;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add($"{section.Path}:{key} must be a whole number.");
        return fallback;
    }

    private static void Unknown(IConfigurationSection section, string[] known, List<string> errors)
    {
        foreach (var child in section.GetChildren())
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                errors.Add($"{child.Path} is not a known setting (known: {string.Join(", ", known)}).");
    }
}
