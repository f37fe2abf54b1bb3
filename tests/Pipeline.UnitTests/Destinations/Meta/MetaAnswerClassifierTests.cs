using Pipeline.Destinations;
using Pipeline.Destinations.Meta;
using static Pipeline.UnitTests.Destinations.Meta.MetaTestEvents;

namespace Pipeline.UnitTests.Destinations.Meta;

public class MetaAnswerClassifierTests
{
    private static readonly Dictionary<string, string> NoHeaders = [];

    private static string Error(int code, int? subcode = null, bool transient = false, string message = "Invalid parameter") =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            error = new
            {
                message, type = "OAuthException", code, error_subcode = subcode, is_transient = transient,
                error_user_title = "Title", error_user_msg = "Msg", fbtrace_id = "AbC123",
            },
        });

    [Fact]
    public void All_events_received_is_delivered_with_the_trace_id()
    {
        var outcome = MetaAnswerClassifier.Classify(200, NoHeaders, """{"events_received":2,"messages":[],"fbtrace_id":"AbC123"}""", 2, Now);

        Assert.Equal(DeliveryOutcomeKind.Delivered, outcome.Kind);
        Assert.Equal("events_received=2 fbtrace_id=AbC123", outcome.Detail);
    }

    [Fact]
    public void Fewer_events_received_than_sent_is_retried()
    {
        var outcome = MetaAnswerClassifier.Classify(200, NoHeaders, """{"events_received":1,"messages":[],"fbtrace_id":"AbC123"}""", 2, Now);

        Assert.Equal(DeliveryOutcomeKind.Retry, outcome.Kind);
        Assert.Equal("Meta received 1 of 2 events fbtrace_id=AbC123", outcome.Detail);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(17)]
    [InlineData(32)]
    [InlineData(341)]
    [InlineData(368)]
    [InlineData(613)]
    [InlineData(80000)]
    [InlineData(80014)]
    public void Transient_codes_are_retried(int code) =>
        Assert.Equal(DeliveryOutcomeKind.Retry, MetaAnswerClassifier.Classify(400, NoHeaders, Error(code), 1, Now).Kind);

    [Fact]
    public void Is_transient_flag_is_retried_whatever_the_code() =>
        Assert.Equal(DeliveryOutcomeKind.Retry, MetaAnswerClassifier.Classify(500, NoHeaders, Error(100, transient: true), 1, Now).Kind);

    [Fact]
    public void Rejected_token_is_an_auth_failure()
    {
        var outcome = MetaAnswerClassifier.Classify(400, NoHeaders, Error(190, 463, message: "Error validating access token"), 1, Now);

        Assert.Equal(DeliveryOutcomeKind.AuthFailure, outcome.Kind);
        Assert.Equal("access token rejected code=190 subcode=463 message=Error validating access token title=Title fbtrace_id=AbC123", outcome.Detail);
    }

    [Fact]
    public void Invalid_parameter_is_permanent_with_code_subcode_message_and_trace()
    {
        var outcome = MetaAnswerClassifier.Classify(400, NoHeaders, Error(100, 2804001), 1, Now);

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome.Kind);
        Assert.Equal("rejected code=100 subcode=2804001 message=Invalid parameter title=Title fbtrace_id=AbC123", outcome.Detail);
    }

    [Fact]
    public void Timestamp_too_old_is_permanent_and_says_expired()
    {
        var outcome = MetaAnswerClassifier.Classify(400, NoHeaders, Error(100, 2804003), 1, Now);

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome.Kind);
        Assert.StartsWith("expired code=100 subcode=2804003", outcome.Detail);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(102)]
    [InlineData(200)]
    [InlineData(299)]
    [InlineData(294)]
    [InlineData(2635)]
    [InlineData(12345)]
    public void Other_codes_are_permanent(int code) =>
        Assert.Equal(DeliveryOutcomeKind.Permanent, MetaAnswerClassifier.Classify(400, NoHeaders, Error(code), 1, Now).Kind);

    [Fact]
    public void Deprecated_version_says_to_raise_the_setting() =>
        Assert.Contains("ApiVersion", MetaAnswerClassifier.Classify(400, NoHeaders, Error(2635), 1, Now).Detail);

    [Fact]
    public void Throttling_429_is_retried_after_the_seconds_asked()
    {
        var outcome = MetaAnswerClassifier.Classify(429, new Dictionary<string, string> { ["Retry-After"] = "30" }, null, 1, Now);

        Assert.Equal(DeliveryOutcomeKind.Retry, outcome.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), outcome.RetryAfter);
    }

    [Fact]
    public void Retry_after_as_an_http_date_is_honoured()
    {
        var headers = new Dictionary<string, string> { ["retry-after"] = Now.AddMinutes(2).ToString("r") };

        var outcome = MetaAnswerClassifier.Classify(503, headers, "<html>busy</html>", 1, Now);

        Assert.Equal(DeliveryOutcomeKind.Retry, outcome.Kind);
        Assert.Equal(TimeSpan.FromMinutes(2), outcome.RetryAfter);
    }

    [Fact]
    public void Server_error_without_body_is_retried()
    {
        var outcome = MetaAnswerClassifier.Classify(500, NoHeaders, "", 1, Now);

        Assert.Equal(DeliveryOutcomeKind.Retry, outcome.Kind);
        Assert.Null(outcome.RetryAfter);
        Assert.Equal("HTTP 500 from Meta", outcome.Detail);
    }

    [Fact]
    public void Throttling_code_keeps_the_retry_after_header() =>
        Assert.Equal(TimeSpan.FromSeconds(60),
            MetaAnswerClassifier.Classify(400, new Dictionary<string, string> { ["Retry-After"] = "60" }, Error(17), 1, Now).RetryAfter);

    [Fact]
    public void Unreadable_success_answer_is_retried() =>
        Assert.Equal(DeliveryOutcomeKind.Retry, MetaAnswerClassifier.Classify(200, NoHeaders, "not json", 1, Now).Kind);

    [Fact]
    public void Client_error_without_error_body_is_permanent() =>
        Assert.Equal(DeliveryOutcomeKind.Permanent, MetaAnswerClassifier.Classify(404, NoHeaders, null, 1, Now).Kind);
}
