using Google.Apis.Auth.OAuth2.Responses;
using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Platform;

namespace Pipeline.Destinations.GoogleAds;

/// <summary>
/// Google Ads accounts: purchases and other conversions as offline click conversions, refunds as conversion
/// adjustments. Test events (and test mode) are uploaded with <c>validateOnly</c>. Each account keeps its own cached
/// OAuth token (<see cref="GoogleAdsTokenSource"/>, its session).
/// </summary>
public sealed class GoogleAdsPlatform() : AdPlatform<GoogleAdsSettings>("google_ads", GoogleAdsRequestBuilder.MaxRowsPerRequest)
{
    /// <summary>Stands in for the OAuth token in outbox mode, where no token is fetched (and the header is redacted anyway).</summary>
    private const string OutboxAccessToken = "outbox";

    private static readonly HashSet<string> RefusedGrants = new(StringComparer.Ordinal) { "invalid_grant", "invalid_client", "unauthorized_client", "invalid_scope" };

    public override string[] MapSettings => [nameof(GoogleAdsSettings.ConversionActions)];

    public override IEnumerable<(string? Value, string Setting)> Required(GoogleAdsSettings s) => [(s.ApiVersion, nameof(s.ApiVersion))];

    public override IEnumerable<(string? Value, string Setting)> Credentials(GoogleAdsSettings s) => [(s.DeveloperToken, nameof(s.DeveloperToken))];

    public override void Check(GoogleAdsSettings s, DestinationSettingsBinder binder)
    {
        if (s.CustomerIdDigits.Length != 10) binder.Problem("Settings:CustomerId must be a 10-digit Google Ads customer id");
        if (s.LoginCustomerIdDigits is { Length: not 10 }) binder.Problem("Settings:LoginCustomerId must be a 10-digit customer id");
        if (s.ConversionActions.Count == 0 && string.IsNullOrWhiteSpace(s.ConversionActionId))
            binder.Problem("missing Settings:ConversionActionId or Settings:ConversionActions (e.g. Purchase=123456789)");
    }

    /// <summary>The account's OAuth token source; its credentials are checked here, never logged.</summary>
    public override object? Connect(GoogleAdsSettings s, DestinationSettingsBinder binder)
    {
        binder.RequireUrl(s.TokenUrl, nameof(s.TokenUrl));
        try
        {
            return new GoogleAdsTokenSource(s);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or ArgumentException or FormatException)
        {
            // Never the key itself: only what is wrong with it.
            binder.Problem($"OAuth credentials: {e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    // Conversions and adjustments go to different methods, so they never share a request.
    public override string? BatchKey(PreparedEvent e, GoogleAdsSettings s) =>
        GoogleAdsFields.IsRefund(e.Event) ? "uploadConversionAdjustments" : "uploadClickConversions";

    public override DeliveryOutcome? Refusal(PreparedEvent e, GoogleAdsSettings s, DateTimeOffset now) =>
        GoogleAdsEventValidator.Validate(e.Event, e.Target, s, now);

    public override OutgoingRequest BuildForOutbox(IReadOnlyList<PreparedEvent> events, GoogleAdsSettings s) => Build(events, s, OutboxAccessToken);

    public override async Task<BatchAnswer> ExchangeAsync(
        IReadOnlyList<PreparedEvent> events, PlatformAccount<GoogleAdsSettings> account, CancellationToken cancellationToken)
    {
        var (settings, http, timeout) = (account.Settings, account.Http, account.Timeout);
        var tokens = (GoogleAdsTokenSource)account.Session!;
        var (token, failure) = await AccessTokenAsync(tokens, forceRefresh: false, cancellationToken);
        if (failure is not null) return BatchAnswer.ForAll(null, failure, events.Count, rejectedWhole: false);
        var outgoing = Build(events, settings, token!);
        var response = await http.SendAsync(outgoing, timeout, cancellationToken);
        if (response.TransportError is null && GoogleAdsAnswerClassifier.IsUnauthenticated(response.Status))
        {
            // The cached token may have been revoked or expired early: one fresh token, one more try, then it is real.
            (token, failure) = await AccessTokenAsync(tokens, forceRefresh: true, cancellationToken);
            if (failure is not null) return BatchAnswer.ForAll(outgoing, failure, events.Count, rejectedWhole: false);
            outgoing = Build(events, settings, token!);
            response = await http.SendAsync(outgoing, timeout, cancellationToken);
        }

        if (response.TransportOutcome is { } lost) return BatchAnswer.ForAll(outgoing, lost, events.Count, rejectedWhole: false);
        // partialFailure names each failed row by its index in the request, which is the event's index here.
        var outcomes = GoogleAdsAnswerClassifier.Classify(response.Status, response.Headers, response.Body, events.Count);
        var refusedRequest = response.Status is < 200 or >= 300 && outcomes.Any(o => o.Kind == DeliveryOutcomeKind.Permanent);
        return new BatchAnswer(outgoing, outcomes, RejectedWhole: refusedRequest);
    }

    public override DeliveryOutcome Annotate(DeliveryOutcome outcome, PreparedEvent e, GoogleAdsSettings s) =>
        e.Target.Test || s.ValidateOnly ? BatchingDestination.NotRecorded(outcome, "validateOnly: accepted, not recorded", "validateOnly") : outcome;

    /// <summary>A (cached) access token, or the outcome to record when none could be had.</summary>
    private static async Task<(string? Token, DeliveryOutcome? Failure)> AccessTokenAsync(
        GoogleAdsTokenSource tokens, bool forceRefresh, CancellationToken cancellationToken)
    {
        try
        {
            return (await tokens.GetAccessTokenAsync(forceRefresh, cancellationToken), null);
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

    private static OutgoingRequest Build(IReadOnlyList<PreparedEvent> events, GoogleAdsSettings s, string accessToken)
    {
        var rows = events.Select(e => e.Row).ToList();
        return GoogleAdsFields.IsRefund(rows[0].Event)
            ? GoogleAdsRequestBuilder.BuildConversionAdjustments(rows, s, accessToken)
            : GoogleAdsRequestBuilder.BuildClickConversions(rows, s, accessToken);
    }
}
