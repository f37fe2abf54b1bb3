using Pipeline.Destinations;
using Pipeline.Destinations.Pinterest;
using static Pipeline.UnitTests.Destinations.Pinterest.PinterestTestEvents;

namespace Pipeline.UnitTests.Destinations.Pinterest;

public class PinterestAnswerClassifierTests
{
    private static readonly Dictionary<string, string> NoHeaders = [];

    private static IReadOnlyList<DeliveryOutcome> Classify(int status, string? body, int events = 1, Dictionary<string, string>? headers = null) =>
        PinterestAnswerClassifier.Classify(status, headers ?? NoHeaders, body, events, Now);

    private static DeliveryOutcomeKind Kind(int status, string? body) => Assert.Single(Classify(status, body)).Kind;

    [Fact]
    public void Every_event_processed_is_delivered()
    {
        var outcomes = Classify(200, """
            {"num_events_received":2,"num_events_processed":2,"events":[{"status":"processed","error_message":null,"warning_message":null},{"status":"processed"}]}
            """, events: 2);

        Assert.All(outcomes, o => Assert.Equal(DeliveryOutcomeKind.Delivered, o.Kind));
    }

    [Fact]
    public void A_partial_failure_fails_only_the_event_pinterest_names_by_its_position()
    {
        var outcomes = Classify(422, """
            {"num_events_received":2,"num_events_processed":1,"events":[{"status":"processed"},{"status":"failed","error_message":"event_time is too old"}]}
            """, events: 2);

        Assert.Equal(DeliveryOutcomeKind.Delivered, outcomes[0].Kind);
        Assert.Equal(DeliveryOutcomeKind.Permanent, outcomes[1].Kind);
        Assert.Equal("Pinterest failed the event: event_time is too old", outcomes[1].Detail);
        Assert.True(PinterestAnswerClassifier.AnswersPerEvent(422, """{"events":[{"status":"processed"},{"status":"failed"}]}""", 2));
    }

    [Fact]
    public void A_bad_request_is_permanent_with_its_code()
    {
        var outcome = Assert.Single(Classify(400, """{"code":4196,"message":"Invalid parameters"}"""));

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome.Kind);
        Assert.Equal("HTTP 400 from Pinterest (code=4196 message=Invalid parameters)", outcome.Detail);
        Assert.False(PinterestAnswerClassifier.AnswersPerEvent(400, """{"code":4196,"message":"Invalid parameters"}""", 1));
    }

    [Theory]
    [InlineData(401, """{"code":2,"message":"Authentication failed."}""")]
    [InlineData(403, """{"code":29,"message":"You are not permitted to access that resource."}""")]
    public void Refused_credentials_are_an_auth_failure(int status, string body) =>
        Assert.Equal(DeliveryOutcomeKind.AuthFailure, Kind(status, body));

    [Fact]
    public void Throttling_is_retried_after_the_seconds_asked()
    {
        var outcome = Assert.Single(Classify(429, """{"code":8,"message":"Rate limit exceeded."}""",
            headers: new Dictionary<string, string> { ["retry-after"] = "30" }));

        Assert.Equal(DeliveryOutcomeKind.Retry, outcome.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), outcome.RetryAfter);
    }

    [Theory]
    [InlineData(503, """{"code":4197,"message":"Service unavailable"}""")]
    [InlineData(500, "<html>oops</html>")]
    [InlineData(408, null)]
    public void Server_errors_and_timeouts_are_retried(int status, string? body) =>
        Assert.Equal(DeliveryOutcomeKind.Retry, Kind(status, body));

    [Fact]
    public void A_success_without_a_status_per_event_is_retried_since_event_ids_dedupe_the_resend()
    {
        var outcomes = Classify(200, """{"num_events_received":2,"events":[{"status":"processed"}]}""", events: 2);

        Assert.All(outcomes, o => Assert.Equal(DeliveryOutcomeKind.Retry, o.Kind));
    }

    [Fact]
    public void An_unreadable_success_answer_is_retried() => Assert.Equal(DeliveryOutcomeKind.Retry, Kind(200, ""));

    [Fact]
    public void Another_client_error_is_permanent() => Assert.Equal(DeliveryOutcomeKind.Permanent, Kind(404, """{"code":3,"message":"Not found"}"""));
}
