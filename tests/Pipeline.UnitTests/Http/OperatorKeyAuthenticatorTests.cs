using Microsoft.AspNetCore.Http;
using Pipeline.Configuration;
using Pipeline.Http;

namespace Pipeline.UnitTests.Http;

public sealed class OperatorKeyAuthenticatorTests
{
    private static HttpRequest Request(string header, string? value)
    {
        var context = new DefaultHttpContext();
        if (value is not null) context.Request.Headers[header] = value;
        return context.Request;
    }

    [Fact]
    public void Any_configured_operator_key_is_accepted()
    {
        var auth = new OperatorKeyAuthenticator(new PipelineOptions { OperatorKeys = "old-key, new-key" });

        Assert.True(auth.IsAuthorized(Request("x-operator-key", "old-key")));
        Assert.True(auth.IsAuthorized(Request("x-operator-key", "new-key")));
    }

    [Fact]
    public void A_missing_or_wrong_operator_key_is_refused()
    {
        var auth = new OperatorKeyAuthenticator(new PipelineOptions { OperatorKeys = "op-key", ApiKeys = "api-key" });

        Assert.False(auth.IsAuthorized(Request("x-operator-key", null)));
        Assert.False(auth.IsAuthorized(Request("x-operator-key", "op-key ")));
        Assert.False(auth.IsAuthorized(Request("x-operator-key", "api-key")));
        Assert.False(auth.IsAuthorized(Request("x-api-key", "op-key")));
    }

    [Fact]
    public void With_no_operator_keys_configured_nothing_is_accepted()
    {
        var auth = new OperatorKeyAuthenticator(new PipelineOptions());

        Assert.False(auth.IsAuthorized(Request("x-operator-key", "")));
        Assert.False(auth.IsAuthorized(Request("x-operator-key", "anything")));
    }
}
