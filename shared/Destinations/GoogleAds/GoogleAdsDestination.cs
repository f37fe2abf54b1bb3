using Google.Apis.Auth.OAuth2.Responses;
using Pipeline.Configuration;
using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Http;
using Pipeline.Destinations.Outbox;

namespace Pipeline.Destinations.GoogleAds;

/// <summary>
/// One Google Ads account: purchases and other conversions as offline click conversions, refunds as conversion
/// adjustments. Test events (and test mode) are uploaded with <c>validateOnly</c>.
/// </summary>
public sealed class GoogleAdsDestination(
    DestinationOptions options,
    GoogleAdsSettings settings,
    GoogleAdsTokenSource? tokens,
    DestinationMode mode,
    TimeSpan timeout,
    PlatformHttpClient http,
    OutboxWriter outbox,
    TimeProvider time) : BatchingDestination(mode, outbox, time), IEventAgeLimit
{
    public const string TypeName = "google_ads";

    /// <summary>Stands in for the OAuth token in outbox mode, where no token is fetched (and the header is redacted anyway).</summary>
    private const string OutboxAccessToken = "outbox";

    private static readonly HashSet<string> RefusedGrants = new(StringComparer.Ordinal) { "invalid_grant", "invalid_client", "unauthorized_client", "invalid_scope" };

    public override string Id => options.Id;
    public override string Type => TypeName;
    public override int MaxBatchSize => GoogleAdsRequestBuilder.MaxRowsPerRequest;

    /// <summary>Google refuses conversions older than the click window of the conversion action.</summary>
    public TimeSpan MaxEventAge => TimeSpan.FromDays(Math.Clamp(settings.ClickWindowDays, 1, GoogleAdsSettings.MaxClickWindowDays));

    // Conversions and adjustments go to different methods, so they never share a request.
    protected override string? PlatformBatchKey(PreparedEvent e) =>
        GoogleAdsFields.IsRefund(e.Event) ? "uploadConversionAdjustments" : "uploadClickConversions";

    protected override DeliveryOutcome? Refusal(PreparedEvent e, DateTimeOffset now) =>
        GoogleAdsEventValidator.Validate(e.Event, e.Target, settings, now);

    protected override OutgoingRequest BuildForOutbox(IReadOnlyList<PreparedEvent> events) => Build(events, OutboxAccessToken);

    protected override async Task<BatchAnswer> ExchangeAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken)
    {
        var (token, failure) = await AccessTokenAsync(forceRefresh: false, cancellationToken);
        if (failure is not null) return BatchAnswer.ForAll(null, failure, events.Count, rejectedWhole: false);
        var outgoing = Build(events, token!);
        var response = await http.SendAsync(outgoing, timeout, cancellationToken);
        if (response.TransportError is null && GoogleAdsAnswerClassifier.IsUnauthenticated(response.Status))
        {
            // The cached token may have been revoked or expired early: one fresh token, one more try, then it is real.
            (token, failure) = await AccessTokenAsync(forceRefresh: true, cancellationToken);
            if (failure is not null) return BatchAnswer.ForAll(outgoing, failure, events.Count, rejectedWhole: false);
            outgoing = Build(events, token!);
            response = await http.SendAsync(outgoing, timeout, cancellationToken);
        }

        if (response.TransportOutcome is { } lost) return BatchAnswer.ForAll(outgoing, lost, events.Count, rejectedWhole: false);
        // partialFailure names each failed row by its index in the request, which is the event's index here.
        var outcomes = GoogleAdsAnswerClassifier.Classify(response.Status, response.Headers, response.Body, events.Count);
        var refusedRequest = response.Status is < 200 or >= 300 && outcomes.Any(o => o.Kind == DeliveryOutcomeKind.Permanent);
        return new BatchAnswer(outgoing, outcomes, RejectedWhole: refusedRequest);
    }

    protected override DeliveryOutcome Annotate(DeliveryOutcome outcome, PreparedEvent e) =>
        e.Target.Test || settings.ValidateOnly ? NotRecorded(outcome, "validateOnly: accepted, not recorded", "validateOnly") : outcome;

    /// <summary>A (cached) access token, or the outcome to record when none could be had.</summary>
    private async Task<(string? Token, DeliveryOutcome? Failure)> AccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        try
        {
            return (await tokens!.GetAccessTokenAsync(forceRefresh, cancellationToken), null);
        }
        catch (TokenResponseException e)
        {
            var error = e.Error?.Error ?? "unknown";
            var detail = $"OAuth token refused: {error}" + (e.Error?.ErrorDescription is { } d ? $" ({d})" : "");
            return (null, RefusedGrants.Contains(error) ? DeliveryOutcome.AuthFailure(detail) : DeliveryOutcome.Retry(detail));
        }
        catch (Exception e) when (e is HttpRequestException or IOException
                                  || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, DeliveryOutcome.Retry($"OAuth token endpoint unreachable: {e.Message}"));
        }
    }

    private OutgoingRequest Build(IReadOnlyList<PreparedEvent> events, string accessToken)
    {
        var rows = events.Select(e => e.Row).ToList();
        return GoogleAdsFields.IsRefund(rows[0].Event)
            ? GoogleAdsRequestBuilder.BuildConversionAdjustments(rows, settings, accessToken)
            : GoogleAdsRequestBuilder.BuildClickConversions(rows, settings, accessToken);
    }
}
