using Pipeline.Destinations;
using Pipeline.Destinations.TikTok;
using static Pipeline.UnitTests.Destinations.TikTok.TikTokTestEvents;

namespace Pipeline.UnitTests.Destinations.TikTok;

public class TikTokAnswerClassifierTests
{
    private static readonly Dictionary<string, string> NoHeaders = [];

    private static string Answer(int code, string message = "OK") =>
        $$$"""{"code":{{{code}}},"message":"{{{message}}}","request_id":"20260901120500ABC","data":{}}""";

    [Fact]
    public void Code_zero_is_delivered_with_the_request_id()
    {
        var outcome = TikTokAnswerClassifier.Classify(200, NoHeaders, Answer(0), Now);

        Assert.Equal(DeliveryOutcomeKind.Delivered, outcome.Kind);
        Assert.Equal("request_id=20260901120500ABC", outcome.Detail);
    }

    [Theory]
    [InlineData(40100)]
    [InlineData(50000)]
    [InlineData(50002)]
    [InlineData(51999)]
    public void Rate_limit_and_server_codes_are_retried(int code) =>
        Assert.Equal(DeliveryOutcomeKind.Retry, TikTokAnswerClassifier.Classify(200, NoHeaders, Answer(code, "busy"), Now).Kind);

    [Fact]
    public void Invalid_token_is_an_auth_failure()
    {
        var outcome = TikTokAnswerClassifier.Classify(200, NoHeaders, Answer(40105, "Access token is incorrect or has been revoked."), Now);

        Assert.Equal(DeliveryOutcomeKind.AuthFailure, outcome.Kind);
        Assert.Equal("access refused code=40105 message=Access token is incorrect or has been revoked. request_id=20260901120500ABC", outcome.Detail);
    }

    [Fact]
    public void Missing_permission_is_an_auth_failure() =>
        Assert.Equal(DeliveryOutcomeKind.AuthFailure, TikTokAnswerClassifier.Classify(200, NoHeaders, Answer(40001, "No permission"), Now).Kind);

    [Fact]
    public void Invalid_parameter_is_permanent_with_message_and_request_id()
    {
        var outcome = TikTokAnswerClassifier.Classify(200, NoHeaders, Answer(40002, "event_time: invalid"), Now);

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome.Kind);
        Assert.Equal("rejected code=40002 message=event_time: invalid request_id=20260901120500ABC", outcome.Detail);
    }

    [Fact]
    public void Unknown_code_is_permanent() =>
        Assert.Equal(DeliveryOutcomeKind.Permanent, TikTokAnswerClassifier.Classify(200, NoHeaders, Answer(40999, "?"), Now).Kind);

    [Fact]
    public void Throttling_429_is_retried_after_the_seconds_asked()
    {
        var outcome = TikTokAnswerClassifier.Classify(429, new Dictionary<string, string> { ["Retry-After"] = "15" }, null, Now);

        Assert.Equal(DeliveryOutcomeKind.Retry, outcome.Kind);
        Assert.Equal(TimeSpan.FromSeconds(15), outcome.RetryAfter);
    }

    [Fact]
    public void Server_error_is_retried() =>
        Assert.Equal(DeliveryOutcomeKind.Retry, TikTokAnswerClassifier.Classify(502, NoHeaders, "<html>bad gateway</html>", Now).Kind);

    [Fact]
    public void Unreadable_success_answer_is_retried() =>
        Assert.Equal(DeliveryOutcomeKind.Retry, TikTokAnswerClassifier.Classify(200, NoHeaders, "", Now).Kind);
}
