using Google.Apis.Auth.OAuth2.Responses;
using Pipeline.Configuration;
using Pipeline.Events;
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
    TimeProvider time) : IDestination, IEventAgeLimit
{
    public const string TypeName = "google_ads";

    /// <summary>Stands in for the OAuth token in outbox mode, where no token is fetched (and the header is redacted anyway).</summary>
    private const string OutboxAccessToken = "outbox";

    private static readonly HashSet<string> RefusedGrants = new(StringComparer.Ordinal) { "invalid_grant", "invalid_client", "unauthorized_client", "invalid_scope" };

    public string Id => options.Id;
    public string Type => TypeName;

    /// <summary>Google refuses conversions older than the click window of the conversion action.</summary>
    public TimeSpan MaxEventAge => TimeSpan.FromDays(Math.Clamp(settings.ClickWindowDays, 1, GoogleAdsSettings.MaxClickWindowDays));

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        var target = request.Target with { Test = DestinationModes.IsTest(mode, request) };
        var rows = new[] { (request.Event, target) };
        if (GoogleAdsEventValidator.Validate(request.Event, target, settings, time.GetUtcNow()) is { } refused) return refused;

        if (mode == DestinationMode.Outbox)
        {
            var recorded = Build(rows, OutboxAccessToken);
            await outbox.WriteAsync(Id, request.Event.EventId, recorded, cancellationToken);
            return DeliveryOutcome.Delivered("recorded in outbox", recorded.Redacted());
        }

        var (token, failure) = await AccessTokenAsync(forceRefresh: false, cancellationToken);
        if (failure is not null) return failure;
        var outgoing = Build(rows, token!);
        var response = await http.SendAsync(outgoing, timeout, cancellationToken);
        if (response.TransportError is null && GoogleAdsAnswerClassifier.IsUnauthenticated(response.Status))
        {
            // The cached token may have been revoked or expired early: one fresh token, one more try, then it is real.
            (token, failure) = await AccessTokenAsync(forceRefresh: true, cancellationToken);
            if (failure is not null) return failure with { Request = outgoing.Redacted() };
            outgoing = Build(rows, token!);
            response = await http.SendAsync(outgoing, timeout, cancellationToken);
        }

        var outcome = response.TransportOutcome
            ?? GoogleAdsAnswerClassifier.Classify(response.Status, response.Headers, response.Body, rows.Length)[0];
        if (target.Test || settings.ValidateOnly)
        {
            outcome = outcome.Kind == DeliveryOutcomeKind.Delivered
                ? outcome with { Detail = "validateOnly: accepted, not recorded" }
                : outcome with { Detail = $"validateOnly: {outcome.Detail}" };
        }
        return outcome with { Request = outgoing.Redacted() };
    }

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

    private OutgoingRequest Build((CanonicalEvent Event, DeliveryTarget Target)[] rows, string accessToken) =>
        GoogleAdsFields.IsRefund(rows[0].Event)
            ? GoogleAdsRequestBuilder.BuildConversionAdjustments(rows, settings, accessToken)
            : GoogleAdsRequestBuilder.BuildClickConversions(rows, settings, accessToken);
}
