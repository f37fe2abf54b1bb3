using System.Security.Cryptography;
using Pipeline.Collect;
using Pipeline.Match;
using Pipeline.Sources.Shopify;
using Pipeline.Sources.Stripe;
using Xunit;

namespace Pipeline.UnitTests.Match;

/// <summary>
/// The matcher skips lookups that cannot find anything; these are the facts that make skipping safe: the collector
/// writes visitor partitions only for ids of its own form, and links only ids of a shop's <c>source-kind:value</c> form.
/// </summary>
public class CarriedIdsTests
{
    [Fact]
    public void Every_id_the_collector_generates_can_be_a_visitor_and_can_never_be_a_link()
    {
        var generator = new RandomVisitorIdGenerator(RandomNumberGenerator.Create());
        for (var i = 0; i < 1000; i++)
        {
            var id = generator.NewId();
            Assert.True(CarriedIds.CanBeVisitor(id), id);
            Assert.False(CarriedIds.CanBeLinked(id), id);
        }
    }

    [Theory]
    [InlineData("shopify_client_id", "b6e1c2a0-7f1e-4b7a-9d1e-0a6c2f9e1d3b")]
    [InlineData("checkout_token", "c1a2b3")]
    [InlineData("cart_token", "Z2NwLWV1cm9wZS13ZXN0")]
    [InlineData("stripe_customer", "cus_Q1w2E3r4")]
    public void Every_id_the_collector_links_can_be_a_link_and_can_never_be_a_visitor(string linkKey, string value)
    {
        foreach (var id in LinkedVisitorIds.From(new Dictionary<string, string> { [linkKey] = value }))
        {
            Assert.True(CarriedIds.CanBeLinked(id), id);
            Assert.False(CarriedIds.CanBeVisitor(id), id);
        }
    }

    [Fact]
    public void The_ids_orders_carry_for_the_shop_are_links_and_the_customer_ids_are_identity_evidence()
    {
        foreach (var id in new[] { ShopifyKeys.CheckoutVisitor("tok"), ShopifyKeys.CartVisitor("cart"), ShopifyKeys.CustomerVisitor("s.myshopify.com", "42"), StripeKeys.CustomerVisitor("cus_1") })
        {
            Assert.True(CarriedIds.CanBeLinked(id), id);
            Assert.False(CarriedIds.CanBeVisitor(id), id);
        }
        Assert.True(CarriedIds.IsCustomer(ShopifyKeys.CustomerVisitor("s.myshopify.com", "42")));
        Assert.True(CarriedIds.IsCustomer(StripeKeys.CustomerVisitor("cus_1")));
    }

    [Theory]
    [InlineData("v1.k3J9xQ2mZ8aB")]
    [InlineData("short")]
    [InlineData("has space in it")]
    public void An_id_of_neither_form_is_looked_up_nowhere(string id)
    {
        Assert.False(CarriedIds.CanBeVisitor(id));
        Assert.False(CarriedIds.CanBeLinked(id));
    }
}
