using Pipeline.Destinations;
using Pipeline.Destinations.GoogleAds;
using static Pipeline.UnitTests.Destinations.GoogleAds.GoogleTestData;

namespace Pipeline.UnitTests.Destinations.GoogleAds;

public sealed class GoogleAdsAnswerClassifierTests
{
    private static string RowFailure(int index, string category, string code, string field = "conversions") => $$"""
        {
          "errorCode": { "{{category}}": "{{code}}" },
          "message": "Message for {{code}}.",
          "location": { "fieldPathElements": [ { "fieldName": "{{field}}", "index": {{index}} }, { "fieldName": "gclid" } ] }
        }
        """;

    private static string PartialFailure(params string[] errors) => $$"""
        {
          "results": [ {}, {} ],
          "partialFailureError": {
            "code": 3,
            "message": "Partial failure.",
            "details": [
              {
                "@type": "type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure",
                "errors": [ {{string.Join(",", errors)}} ],
                "requestId": "req-42"
              }
            ]
          }
        }
        """;

    [Fact]
    public void Success_answer_delivers_every_row()
    {
        const string body = """
            {
              "results": [
                { "gclid": "a", "conversionAction": "customers/1234567890/conversionActions/111", "conversionDateTime": "2026-07-01 12:00:00+00:00" },
                { "gclid": "b", "conversionAction": "customers/1234567890/conversionActions/111", "conversionDateTime": "2026-07-01 12:00:00+00:00" }
              ]
            }
            """;
        var outcomes = GoogleAdsAnswerClassifier.Classify(200, NoHeaders, body, 2);

        Assert.Equal(2, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(DeliveryOutcomeKind.Delivered, o.Kind));
    }

    [Fact]
    public void Validate_only_answer_without_body_delivers_every_row()
    {
        Assert.All(GoogleAdsAnswerClassifier.Classify(200, NoHeaders, "{}", 3), o => Assert.Equal(DeliveryOutcomeKind.Delivered, o.Kind));
        Assert.Equal(3, GoogleAdsAnswerClassifier.Classify(200, NoHeaders, null, 3).Count);
    }

    [Fact]
    public void Partial_failure_is_mapped_to_the_rows_its_field_path_names()
    {
        var body = PartialFailure(
            RowFailure(1, "conversionUploadError", "CLICK_NOT_FOUND"),
            RowFailure(3, "conversionUploadError", "UNPARSEABLE_GCLID"),
            RowFailure(4, "conversionUploadError", "ORDER_ID_ALREADY_IN_USE"),
            RowFailure(5, "conversionUploadError", "TOO_RECENT_CONVERSION_ACTION"));

        var outcomes = GoogleAdsAnswerClassifier.Classify(200, NoHeaders, body, 6);

        Assert.Equal(
            new[]
            {
                DeliveryOutcomeKind.Delivered, DeliveryOutcomeKind.Skipped, DeliveryOutcomeKind.Delivered,
                DeliveryOutcomeKind.Permanent, DeliveryOutcomeKind.Delivered, DeliveryOutcomeKind.Retry,
            },
            outcomes.Select(o => o.Kind));
        Assert.Null(outcomes[0].Detail);
        Assert.StartsWith("benign: CLICK_NOT_FOUND", outcomes[1].Detail);
        Assert.Equal("UNPARSEABLE_GCLID: Message for UNPARSEABLE_GCLID. (request req-42)", outcomes[3].Detail);
        Assert.StartsWith("already there: ORDER_ID_ALREADY_IN_USE", outcomes[4].Detail);
        Assert.Equal(TimeSpan.FromHours(6), outcomes[5].RetryAfter);
    }

    [Theory]
    [InlineData("conversionUploadError", "ORDER_ID_ALREADY_IN_USE", DeliveryOutcomeKind.Delivered)]
    [InlineData("conversionUploadError", "CLICK_CONVERSION_ALREADY_EXISTS", DeliveryOutcomeKind.Delivered)]
    [InlineData("conversionUploadError", "TOO_RECENT_CONVERSION_ACTION", DeliveryOutcomeKind.Retry)]
    [InlineData("conversionUploadError", "TOO_RECENT_EVENT", DeliveryOutcomeKind.Retry)]
    [InlineData("conversionUploadError", "CLICK_NOT_FOUND", DeliveryOutcomeKind.Skipped)]
    [InlineData("conversionUploadError", "EVENT_NOT_FOUND", DeliveryOutcomeKind.Skipped)]
    [InlineData("conversionUploadError", "UNPARSEABLE_GCLID", DeliveryOutcomeKind.Permanent)]
    [InlineData("conversionUploadError", "EXPIRED_EVENT", DeliveryOutcomeKind.Permanent)]
    [InlineData("conversionUploadError", "CONVERSION_PRECEDES_EVENT", DeliveryOutcomeKind.Permanent)]
    [InlineData("conversionUploadError", "GBRAID_WBRAID_BOTH_SET", DeliveryOutcomeKind.Permanent)]
    [InlineData("conversionUploadError", "INVALID_USER_IDENTIFIER", DeliveryOutcomeKind.Permanent)]
    [InlineData("conversionUploadError", "NO_CONVERSION_ACTION_FOUND", DeliveryOutcomeKind.Permanent)]
    [InlineData("internalError", "TRANSIENT_ERROR", DeliveryOutcomeKind.Retry)]
    [InlineData("conversionAdjustmentUploadError", "CONVERSION_ALREADY_RETRACTED", DeliveryOutcomeKind.Delivered)]
    [InlineData("conversionAdjustmentUploadError", "RESTATEMENT_ALREADY_EXISTS", DeliveryOutcomeKind.Delivered)]
    [InlineData("conversionAdjustmentUploadError", "TOO_RECENT_CONVERSION", DeliveryOutcomeKind.Retry)]
    [InlineData("conversionAdjustmentUploadError", "CONVERSION_NOT_FOUND", DeliveryOutcomeKind.Skipped)]
    [InlineData("conversionAdjustmentUploadError", "ADJUSTMENT_PRECEDES_CONVERSION", DeliveryOutcomeKind.Permanent)]
    public void Row_error_code_decides_the_row_outcome(string category, string code, DeliveryOutcomeKind expected)
    {
        var outcomes = GoogleAdsAnswerClassifier.Classify(200, NoHeaders, PartialFailure(RowFailure(0, category, code)), 2);

        Assert.Equal(expected, outcomes[0].Kind);
        Assert.Contains(code, outcomes[0].Detail);
        Assert.Equal(DeliveryOutcomeKind.Delivered, outcomes[1].Kind);
    }

    [Fact]
    public void Row_with_several_errors_takes_the_gravest()
    {
        var body = PartialFailure(
            RowFailure(0, "conversionUploadError", "TOO_RECENT_EVENT"),
            RowFailure(0, "conversionUploadError", "EXPIRED_EVENT"));

        var outcome = GoogleAdsAnswerClassifier.Classify(200, NoHeaders, body, 1)[0];

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome.Kind);
        Assert.StartsWith("EXPIRED_EVENT", outcome.Detail);
    }

    [Fact]
    public void Unauthenticated_answer_is_an_auth_failure_for_every_row_and_recognisable_for_a_token_refresh()
    {
        const string body = """
            {
              "error": {
                "code": 401,
                "message": "Request had invalid authentication credentials.",
                "status": "UNAUTHENTICATED",
                "details": [
                  {
                    "@type": "type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure",
                    "errors": [ { "errorCode": { "authenticationError": "OAUTH_TOKEN_EXPIRED" }, "message": "The OAuth token has expired." } ],
                    "requestId": "req-1"
                  }
                ]
              }
            }
            """;
        var outcomes = GoogleAdsAnswerClassifier.Classify(401, NoHeaders, body, 2);

        Assert.True(GoogleAdsAnswerClassifier.IsUnauthenticated(401));
        Assert.False(GoogleAdsAnswerClassifier.IsUnauthenticated(403));
        Assert.All(outcomes, o =>
        {
            Assert.Equal(DeliveryOutcomeKind.AuthFailure, o.Kind);
            Assert.StartsWith(GoogleAdsAnswerClassifier.UnauthenticatedPrefix + ":", o.Detail);
            Assert.Contains("OAUTH_TOKEN_EXPIRED", o.Detail);
        });
    }

    [Fact]
    public void Permission_denied_is_an_auth_failure()
    {
        const string body = """
            {
              "error": {
                "code": 403,
                "message": "The caller does not have permission",
                "status": "PERMISSION_DENIED",
                "details": [ { "@type": "type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure",
                  "errors": [ { "errorCode": { "authorizationError": "DEVELOPER_TOKEN_NOT_APPROVED" }, "message": "Not approved." } ] } ]
              }
            }
            """;
        var outcome = GoogleAdsAnswerClassifier.Classify(403, NoHeaders, body, 1)[0];

        Assert.Equal(DeliveryOutcomeKind.AuthFailure, outcome.Kind);
        Assert.StartsWith("permission denied:", outcome.Detail);
        Assert.Contains("DEVELOPER_TOKEN_NOT_APPROVED", outcome.Detail);
    }

    [Fact]
    public void Quota_exhaustion_retries_after_the_delay_google_names()
    {
        const string body = """
            {
              "error": {
                "code": 429,
                "message": "Resource has been exhausted (e.g. check quota).",
                "status": "RESOURCE_EXHAUSTED",
                "details": [
                  {
                    "@type": "type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure",
                    "errors": [
                      {
                        "errorCode": { "quotaError": "RESOURCE_EXHAUSTED" },
                        "message": "Too many requests. Retry in 30 seconds.",
                        "details": { "quotaErrorDetails": { "rateScope": "DEVELOPER", "rateName": "Number of operations for basic access", "retryDelay": "30s" } }
                      }
                    ]
                  }
                ]
              }
            }
            """;
        var outcomes = GoogleAdsAnswerClassifier.Classify(429, NoHeaders, body, 2);

        Assert.All(outcomes, o =>
        {
            Assert.Equal(DeliveryOutcomeKind.Retry, o.Kind);
            Assert.Equal(TimeSpan.FromSeconds(30), o.RetryAfter);
        });
    }

    [Fact]
    public void Rate_limit_reads_rpc_retry_info()
    {
        const string body = """
            { "error": { "code": 429, "status": "RESOURCE_EXHAUSTED", "message": "Quota.",
              "details": [ { "@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "2.500s" } ] } }
            """;
        Assert.Equal(TimeSpan.FromSeconds(2.5), GoogleAdsAnswerClassifier.Classify(429, NoHeaders, body, 1)[0].RetryAfter);
    }

    [Fact]
    public void Rate_limit_without_retry_delay_honours_retry_after()
    {
        var headers = new Dictionary<string, string> { ["retry-after"] = "120" };
        var outcome = GoogleAdsAnswerClassifier.Classify(429, headers, "", 1)[0];

        Assert.Equal(DeliveryOutcomeKind.Retry, outcome.Kind);
        Assert.Equal(TimeSpan.FromMinutes(2), outcome.RetryAfter);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(504)]
    public void Server_errors_retry(int status)
    {
        var outcome = GoogleAdsAnswerClassifier.Classify(status, NoHeaders, "<html>oops</html>", 1)[0];

        Assert.Equal(DeliveryOutcomeKind.Retry, outcome.Kind);
        Assert.Contains($"HTTP {status}", outcome.Detail);
    }

    [Fact]
    public void Transient_error_code_retries_whatever_the_status()
    {
        const string body = """
            { "error": { "code": 400, "status": "INVALID_ARGUMENT", "message": "x",
              "details": [ { "errors": [ { "errorCode": { "internalError": "INTERNAL_ERROR" }, "message": "An internal error has occurred." } ] } ] } }
            """;
        Assert.Equal(DeliveryOutcomeKind.Retry, GoogleAdsAnswerClassifier.Classify(400, NoHeaders, body, 1)[0].Kind);
    }

    [Fact]
    public void Other_bad_request_is_permanent_for_every_row()
    {
        const string body = """
            { "error": { "code": 400, "status": "INVALID_ARGUMENT", "message": "Request contains an invalid argument.",
              "details": [ { "errors": [ { "errorCode": { "requestError": "INVALID_CUSTOMER_ID" }, "message": "Invalid customer id." } ] } ] } }
            """;
        var outcomes = GoogleAdsAnswerClassifier.Classify(400, NoHeaders, body, 2);

        Assert.All(outcomes, o =>
        {
            Assert.Equal(DeliveryOutcomeKind.Permanent, o.Kind);
            Assert.Equal("HTTP 400 INVALID_ARGUMENT: Request contains an invalid argument. [INVALID_CUSTOMER_ID: Invalid customer id.]", o.Detail);
        });
    }

    [Fact]
    public void Bad_request_naming_rows_fails_those_rows_and_resends_the_others()
    {
        const string body = """
            { "error": { "code": 400, "status": "INVALID_ARGUMENT", "message": "Request contains an invalid argument.",
              "details": [ { "errors": [ { "errorCode": { "conversionUploadError": "GBRAID_WBRAID_BOTH_SET" }, "message": "Both set.",
                "location": { "fieldPathElements": [ { "fieldName": "conversions", "index": 1 } ] } } ] } ] } }
            """;
        var outcomes = GoogleAdsAnswerClassifier.Classify(400, NoHeaders, body, 3);

        Assert.Equal(
            new[] { DeliveryOutcomeKind.Retry, DeliveryOutcomeKind.Permanent, DeliveryOutcomeKind.Retry },
            outcomes.Select(o => o.Kind));
        Assert.StartsWith("GBRAID_WBRAID_BOTH_SET", outcomes[1].Detail);
    }

    [Fact]
    public void Unreadable_error_body_still_classifies_by_status()
    {
        Assert.Equal(DeliveryOutcomeKind.Permanent, GoogleAdsAnswerClassifier.Classify(404, NoHeaders, "not json", 1)[0].Kind);
    }
}
