using Pipeline.Destinations;
using Pipeline.Destinations.Ga4;
using static Pipeline.UnitTests.Destinations.GoogleAds.GoogleTestData;

namespace Pipeline.UnitTests.Destinations.Ga4;

public sealed class Ga4AnswerClassifierTests
{
    [Theory]
    [InlineData(204, "")]
    [InlineData(200, null)]
    [InlineData(200, """{ "validationMessages": [] }""")]
    public void Accepted_answer_is_delivered(int status, string? body) =>
        Assert.Equal(DeliveryOutcomeKind.Delivered, Ga4AnswerClassifier.Classify(status, NoHeaders, body).Kind);

    [Fact]
    public void Debug_answer_with_validation_messages_is_permanent_with_the_messages()
    {
        const string body = """
            {
              "validationMessages": [
                {
                  "fieldPath": "events",
                  "description": "Event at index: [0] has invalid name [_purchase]. Names must start with an alphabetic character.",
                  "validationCode": "NAME_INVALID"
                },
                { "fieldPath": "client_id", "description": "Measurement requires a client_id.", "validationCode": "VALUE_REQUIRED" }
              ]
            }
            """;
        var outcome = Ga4AnswerClassifier.Classify(200, NoHeaders, body);

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome.Kind);
        Assert.Equal(
            "validation: NAME_INVALID at events: Event at index: [0] has invalid name [_purchase]. Names must start with an alphabetic character.; "
            + "VALUE_REQUIRED at client_id: Measurement requires a client_id.",
            outcome.Detail);
    }

    [Fact]
    public void Rate_limit_retries_after_the_named_delay()
    {
        var outcome = Ga4AnswerClassifier.Classify(429, new Dictionary<string, string> { ["Retry-After"] = "60" }, "");

        Assert.Equal(DeliveryOutcomeKind.Retry, outcome.Kind);
        Assert.Equal(TimeSpan.FromSeconds(60), outcome.RetryAfter);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public void Server_errors_retry(int status) =>
        Assert.Equal(DeliveryOutcomeKind.Retry, Ga4AnswerClassifier.Classify(status, NoHeaders, null).Kind);

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    public void Other_client_errors_are_permanent(int status)
    {
        var outcome = Ga4AnswerClassifier.Classify(status, NoHeaders, "bad");

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome.Kind);
        Assert.Equal($"HTTP {status}: bad", outcome.Detail);
    }
}
