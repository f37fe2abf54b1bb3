using Pipeline.Sources;

namespace Pipeline.UnitTests.Sources;

public class WebhookHeadersTests
{
    [Fact]
    public void Headers_are_found_in_any_case_and_with_or_without_the_X_prefix()
    {
        var headers = new WebhookHeaders(new Dictionary<string, string>
        {
            ["shopify-topic"] = "orders/paid",
            ["X-SHOPIFY-SHOP-DOMAIN"] = " demo.myshopify.com ",
        });

        Assert.Equal("orders/paid", headers.Get("X-Shopify-Topic"));
        Assert.Equal("demo.myshopify.com", headers.Get("x-shopify-shop-domain"));
        Assert.Equal("demo.myshopify.com", headers.Get("Shopify-Shop-Domain"));
        Assert.Null(headers.Get("X-Shopify-Hmac-Sha256"));
    }

    [Fact]
    public void Blank_headers_read_as_absent()
    {
        Assert.Null(new WebhookHeaders([new("Stripe-Signature", "  ")]).Get("Stripe-Signature"));
    }
}
