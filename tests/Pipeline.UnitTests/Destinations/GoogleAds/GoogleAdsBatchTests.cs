using Pipeline.Destinations;
using Pipeline.Destinations.GoogleAds;
using Pipeline.Destinations.Platform;
using static Pipeline.UnitTests.Destinations.GoogleAds.GoogleTestData;

namespace Pipeline.UnitTests.Destinations.GoogleAds;

/// <summary>Google Ads takes up to 2,000 rows with partialFailure; each failed row is named by its index.</summary>
public sealed class GoogleAdsBatchTests
{
    private static PlatformDestination<GoogleAdsSettings> Destination() =>
        new("google-main", new GoogleAdsPlatform(), new(AdsSettings(), null, null!, TimeSpan.FromSeconds(5), TimeProvider.System),
            DestinationMode.Live, null!);

    [Fact]
    public void Conversions_and_adjustments_never_share_a_batch()
    {
        var destination = Destination();

        Assert.NotEqual(
            destination.BatchKey(new DeliveryRequest(Purchase(), Target(), 1)),
            destination.BatchKey(new DeliveryRequest(Refund(), Target(), 1)));
        Assert.Equal(GoogleAdsRequestBuilder.MaxRowsPerRequest, destination.MaxBatchSize);
    }

    [Fact]
    public void A_batch_is_one_upload_with_each_event_a_row_in_order()
    {
        var second = Purchase() with { EventId = "purchase_58214", OrderId = "58214" };

        var request = GoogleAdsRequestBuilder.BuildClickConversions([(Purchase(), Target()), (second, Target())], AdsSettings(), "token");

        var rows = Node(request.Body)["conversions"]!.AsArray();
        Assert.Equal(["58213", "58214"], rows.Select(r => r!["orderId"]!.GetValue<string>()));
        Assert.True(Node(request.Body)["partialFailure"]!.GetValue<bool>());
    }

    [Fact]
    public void A_partial_failure_at_conversions_index_2_fails_the_third_event_only()
    {
        var body = """
            {"results":[{"gclid":"a"},{"gclid":"b"},{}],
             "partialFailureError":{"code":3,"message":"Fake, at conversions[2]","details":[{
               "@type":"type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure",
               "errors":[{"errorCode":{"conversionUploadError":"UNPARSEABLE_GCLID"},"message":"Bad gclid.",
                 "location":{"fieldPathElements":[{"fieldName":"conversions","index":2},{"fieldName":"gclid"}]}}]}]}}
            """;

        var outcomes = GoogleAdsAnswerClassifier.Classify(200, NoHeaders, body, rowCount: 3);

        Assert.Equal([DeliveryOutcomeKind.Delivered, DeliveryOutcomeKind.Delivered, DeliveryOutcomeKind.Permanent], outcomes.Select(o => o.Kind));
        Assert.Contains("UNPARSEABLE_GCLID", outcomes[2].Detail);
    }
}
