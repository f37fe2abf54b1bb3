using Pipeline.Sources;

namespace Pipeline.UnitTests.Sources;

public class EventIdRuleTests
{
    [Theory]
    [InlineData("5012345678901", "purchase_5012345678901")]
    [InlineData("gid://shopify/OrderIdentity/5012345678901", "purchase_5012345678901")]
    [InlineData("gid://shopify/Order/5012345678901", "purchase_5012345678901")]
    [InlineData(" 123 ", "purchase_123")]
    [InlineData("cs_test_a1B2c3", "purchase_cs_test_a1B2c3")]
    public void Purchase_event_id_uses_the_order_number_whatever_form_it_arrives_in(string orderId, string expected)
    {
        Assert.Equal(expected, EventIdRule.ForOrder(EventIdRule.DefaultPurchaseTemplate, orderId));
    }

    [Fact]
    public void A_custom_template_is_honoured()
    {
        Assert.Equal("order-42-paid", EventIdRule.ForOrder("order-{orderId}-paid", "42"));
    }

    [Fact]
    public void A_template_without_the_order_placeholder_is_refused()
    {
        Assert.False(EventIdRule.IsValidTemplate("purchase"));
        Assert.Throws<ArgumentException>(() => EventIdRule.ForOrder("purchase", "1"));
    }
}
