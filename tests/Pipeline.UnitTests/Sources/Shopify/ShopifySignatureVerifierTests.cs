using System.Security.Cryptography;
using System.Text;
using Pipeline.Sources.Shopify;

namespace Pipeline.UnitTests.Sources.Shopify;

public class ShopifySignatureVerifierTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":820982911946154508,\"email\":\"jon@example.com\"}");

    private static string Reference(string secret) =>
        Convert.ToBase64String(new HMACSHA256(Encoding.UTF8.GetBytes(secret)).ComputeHash(Body));

    [Fact]
    public void Signature_computed_with_hmac_sha256_over_the_raw_body_is_valid()
    {
        Assert.True(ShopifySignatureVerifier.IsValid(Body, Reference("hush"), ["hush"]));
    }

    [Fact]
    public void Any_secret_of_the_set_may_match()
    {
        Assert.True(ShopifySignatureVerifier.IsValid(Body, Reference("old"), ["new", "old"]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("c2hvcnQ=")]
    public void Missing_or_malformed_signature_is_invalid(string? header)
    {
        Assert.False(ShopifySignatureVerifier.IsValid(Body, header, ["hush"]));
    }

    [Fact]
    public void No_secrets_means_nothing_is_valid()
    {
        Assert.False(ShopifySignatureVerifier.IsValid(Body, Reference("hush"), []));
    }
}
