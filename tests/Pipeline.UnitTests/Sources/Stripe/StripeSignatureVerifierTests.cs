using Pipeline.Sources.Stripe;
using static Pipeline.UnitTests.Sources.Stripe.StripePayloads;

namespace Pipeline.UnitTests.Sources.Stripe;

public class StripeSignatureVerifierTests
{
    private const string Body = """{"id":"evt_test_webhook","object":"event"}""";

    [Fact]
    public void Timestamp_is_read_from_the_header()
    {
        Assert.Equal(1791300004L, StripeSignatureVerifier.Timestamp("t=1791300004,v1=abc,v0=def"));
    }

    [Theory]
    [InlineData("v1=abc")]
    [InlineData("t=abc,v1=abc")]
    [InlineData("t=1,t=2,v1=abc")]
    [InlineData("t=-5,v1=abc")]
    public void Header_without_one_numeric_timestamp_has_none(string header)
    {
        Assert.Null(StripeSignatureVerifier.Timestamp(header));
    }

    [Fact]
    public void Header_without_timestamp_is_unauthorized()
    {
        var rejection = StripeSignatureVerifier.Check(Body, $"v1={Hex(Secret, 1, Body)}", [Secret], 300, ReceivedAt);

        Assert.Equal(401, rejection!.StatusCode);
    }

    [Fact]
    public void Signature_over_timestamp_dot_body_is_valid()
    {
        var t = ReceivedAt.ToUnixTimeSeconds();

        Assert.Null(StripeSignatureVerifier.Check(Body, $"t={t},v1={Hex(Secret, t, Body)}", [Secret], 300, ReceivedAt));
    }

    [Fact]
    public void Future_timestamp_beyond_tolerance_is_a_bad_request()
    {
        var t = ReceivedAt.ToUnixTimeSeconds() + 301;

        Assert.Equal(400, StripeSignatureVerifier.Check(Body, $"t={t},v1={Hex(Secret, t, Body)}", [Secret], 300, ReceivedAt)!.StatusCode);
    }

    [Fact]
    public void No_secrets_means_unauthorized()
    {
        var t = ReceivedAt.ToUnixTimeSeconds();

        Assert.Equal(401, StripeSignatureVerifier.Check(Body, $"t={t},v1={Hex(Secret, t, Body)}", [], 300, ReceivedAt)!.StatusCode);
    }
}
