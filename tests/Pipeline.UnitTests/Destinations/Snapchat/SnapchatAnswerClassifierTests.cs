using Pipeline.Destinations;
using Pipeline.Destinations.Snapchat;
using static Pipeline.UnitTests.Destinations.Snapchat.SnapchatTestEvents;

namespace Pipeline.UnitTests.Destinations.Snapchat;

public class SnapchatAnswerClassifierTests
{
    private static readonly Dictionary<string, string> NoHeaders = [];

    [Fact]
    public void Valid_status_is_delivered_with_it()
    {
        var outcome = SnapchatAnswerClassifier.Classify(200, NoHeaders, """{"status":"VALID","reason":""}""", Now);

        Assert.Equal(DeliveryOutcomeKind.Delivered, outcome.Kind);
        Assert.Equal("status status=VALID reason=", outcome.Detail);
    }

    [Fact]
    public void A_200_without_a_status_is_delivered() =>
        Assert.Equal(DeliveryOutcomeKind.Delivered, SnapchatAnswerClassifier.Classify(200, NoHeaders, "", Now).Kind);

    [Fact]
    public void A_200_that_says_invalid_is_permanent_with_the_reason()
    {
        var outcome = SnapchatAnswerClassifier.Classify(200, NoHeaders, """{"status":"INVALID","reason":"missing event_source_url"}""", Now);

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome.Kind);
        Assert.Contains("reason=missing event_source_url", outcome.Detail);
    }

    [Fact]
    public void Bad_request_is_permanent()
    {
        var outcome = SnapchatAnswerClassifier.Classify(400, NoHeaders, """{"status":"INVALID","reason":"invalid hashed email"}""", Now);

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome.Kind);
        Assert.Equal("HTTP 400 from Snapchat: rejected status=INVALID reason=invalid hashed email", outcome.Detail);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public void Refused_token_is_an_auth_failure(int status) =>
        Assert.Equal(DeliveryOutcomeKind.AuthFailure, SnapchatAnswerClassifier.Classify(status, NoHeaders, null, Now).Kind);

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public void Throttling_and_server_errors_are_retried(int status) =>
        Assert.Equal(DeliveryOutcomeKind.Retry, SnapchatAnswerClassifier.Classify(status, NoHeaders, "<html>busy</html>", Now).Kind);

    [Fact]
    public void Retry_After_is_honoured()
    {
        var outcome = SnapchatAnswerClassifier.Classify(429, new Dictionary<string, string> { ["retry-after"] = "30" }, null, Now);

        Assert.Equal(DeliveryOutcomeKind.Retry, outcome.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), outcome.RetryAfter);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(413)]
    [InlineData(422)]
    public void Other_client_errors_are_permanent(int status) =>
        Assert.Equal(DeliveryOutcomeKind.Permanent, SnapchatAnswerClassifier.Classify(status, NoHeaders, null, Now).Kind);
}
