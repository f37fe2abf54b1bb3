using Microsoft.Extensions.Configuration;
using Pipeline.Sources;
using Pipeline.Sources.Shopify;

namespace Pipeline.UnitTests.Sources;

public sealed class SourcesConfigurationTests
{
    private static (SourcesSettings Settings, IReadOnlyList<string> Errors) Read(Dictionary<string, string?> values) =>
        SourcesConfiguration.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void Nothing_configured_leaves_both_sources_off_without_errors()
    {
        var (settings, errors) = Read([]);

        Assert.Empty(errors);
        Assert.Null(settings.Shopify);
        Assert.Null(settings.Stripe);
        Assert.Equal(SourcesConfiguration.DefaultMaxBodyBytes, settings.MaxBodyBytes);
    }

    [Fact]
    public void Secrets_are_read_comma_separated_indexed_or_both_in_order()
    {
        var (settings, errors) = Read(new()
        {
            ["Pipeline:Sources:Shopify:Shops:0:Domain"] = "a.myshopify.com",
            ["Pipeline:Sources:Shopify:Shops:0:Secrets"] = " new , old ,",
            ["Pipeline:Sources:Shopify:Shops:1:Domain"] = "b.myshopify.com",
            ["Pipeline:Sources:Shopify:Shops:1:Secrets:0"] = "b-new",
            ["Pipeline:Sources:Shopify:Shops:1:Secrets:1"] = "b-old,b-older",
            ["Pipeline:Sources:Shopify:Currency"] = "shop",
            ["Pipeline:Sources:Stripe:Secrets"] = "whsec_1,whsec_2",
            ["Pipeline:Sources:Stripe:SubscriptionStartEventName"] = "",
            ["Pipeline:Sources:Stripe:ToleranceSeconds"] = "120",
        });

        Assert.Empty(errors);
        Assert.Equal(["new", "old"], settings.Shopify!.Shops[0].Secrets);
        Assert.Equal(["b-new", "b-old", "b-older"], settings.Shopify.Shops[1].Secrets);
        Assert.Equal(ShopifyMoneyBasis.Shop, settings.Shopify.Currency);
        Assert.Equal(["whsec_1", "whsec_2"], settings.Stripe!.Secrets);
        Assert.Null(settings.Stripe.SubscriptionStartEventName);
        Assert.Equal(120, settings.Stripe.ToleranceSeconds);
    }

    [Fact]
    public void Mistakes_are_each_reported_with_the_setting_path()
    {
        var (_, errors) = Read(new()
        {
            ["Pipeline:Sources:MaxBodyBytes"] = "lots",
            ["Pipeline:Sources:Shopify:Shops:0:Domain"] = "a.myshopify.com",
            ["Pipeline:Sources:Shopify:Shops:0:Secrets"] = "@Microsoft.KeyVault(SecretUri=https://vault.example/secrets/shopify)",
            ["Pipeline:Sources:Shopify:Shops:1:Domain"] = "A.myshopify.com",
            ["Pipeline:Sources:Shopify:Shops:1:Secrets"] = "s",
            ["Pipeline:Sources:Shopify:Currency"] = "1",
            ["Pipeline:Sources:Stripe:PurchaseEvent"] = "charge.succeeded",
        });

        Assert.Contains(errors, e => e.StartsWith("Pipeline:Sources:MaxBodyBytes must be a whole number", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Key Vault reference that was not resolved", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("shop a.myshopify.com is listed more than once", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Sources:Shopify:Currency must be", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Sources:Stripe: Secrets needs", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Sources:Stripe: PurchaseEvent must be", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_throws_listing_every_mistake()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:Sources:Stripe:Secrets"] = "",
            ["Pipeline:Sources:Shopfiy:Shops:0:Domain"] = "a.myshopify.com",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => SourcesConfiguration.Load(configuration));

        Assert.Contains("Pipeline:Sources:Shopfiy is not a known setting", error.Message);
        Assert.Contains("Secrets needs at least one non-empty secret", error.Message);
    }
}
