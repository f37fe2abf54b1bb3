using System.Text.Json;
using Pipeline.Destinations.Platform;
using Pipeline.Events;

namespace Pipeline.Destinations.GoogleAds;

/// <summary>Builds Google Ads upload requests from validated events; pure, the shared sender performs them.</summary>
public static class GoogleAdsRequestBuilder
{
    /// <summary>Google's limit on conversions (and adjustments) per upload request.</summary>
    public const int MaxRowsPerRequest = 2000;

    /// <summary>
    /// One <c>:uploadClickConversions</c> request for up to <see cref="MaxRowsPerRequest"/> events that passed
    /// <see cref="GoogleAdsEventValidator"/>. The answer's rows align with <paramref name="rows"/>.
    /// Test and live rows must not share a request: test rows are sent with <c>validateOnly</c>.
    /// </summary>
    public static OutgoingRequest BuildClickConversions(
        IReadOnlyList<(CanonicalEvent Event, DeliveryTarget Target)> rows, GoogleAdsSettings settings, string accessToken)
    {
        var validateOnly = ValidateOnly(rows, settings);
        var body = JsonBody.Write(w =>
        {
            w.WriteStartArray("conversions");
            foreach (var (e, t) in rows) WriteClickConversion(w, e, t, settings);
            w.WriteEndArray();
            w.WriteBoolean("partialFailure", true);
            if (validateOnly) w.WriteBoolean("validateOnly", true);
        });
        return Request(settings, accessToken, "uploadClickConversions", body);
    }

    /// <summary>
    /// One <c>:uploadConversionAdjustments</c> request for refund events (EventName "Refund", Value = the amount
    /// refunded, null meaning the whole order). A refund is a RESTATEMENT to the remaining value when
    /// <paramref name="currentValues"/> holds the conversion's value before this refund (keyed by the adjusted order
    /// id) and something remains; otherwise it is a RETRACTION, because the remaining value cannot be computed from
    /// the refund alone.
    /// </summary>
    public static OutgoingRequest BuildConversionAdjustments(
        IReadOnlyList<(CanonicalEvent Event, DeliveryTarget Target)> refunds, GoogleAdsSettings settings, string accessToken,
        IReadOnlyDictionary<string, decimal>? currentValues = null)
    {
        var validateOnly = ValidateOnly(refunds, settings);
        var body = JsonBody.Write(w =>
        {
            w.WriteStartArray("conversionAdjustments");
            foreach (var (e, _) in refunds) WriteAdjustment(w, e, settings, currentValues);
            w.WriteEndArray();
            w.WriteBoolean("partialFailure", true);
            if (validateOnly) w.WriteBoolean("validateOnly", true);
        });
        return Request(settings, accessToken, "uploadConversionAdjustments", body);
    }

    private static void WriteClickConversion(Utf8JsonWriter w, CanonicalEvent e, DeliveryTarget t, GoogleAdsSettings s)
    {
        w.WriteStartObject();
        if (GoogleAdsFields.ClickId(e) is { } click) w.WriteString(click.Name, click.Value);
        w.WriteString("conversionAction", GoogleAdsFields.ConversionActionResource(s, ActionId(e, s)));
        w.WriteString("conversionDateTime", GoogleAdsFields.DateTime(e.EventTime));
        if (e.Value is { } value) w.WriteNumber("conversionValue", value);
        if (!string.IsNullOrWhiteSpace(e.Currency)) w.WriteString("currencyCode", e.Currency.ToUpperInvariant());
        w.WriteString("orderId", GoogleAdsFields.ConversionOrderId(e));

        var identifiers = GoogleAdsFields.UserIdentifiers(e);
        var address = GoogleAdsFields.AddressInfo(e);
        if (identifiers.Count > 0 || address is not null)
        {
            w.WriteStartArray("userIdentifiers");
            foreach (var (name, hash) in identifiers)
            {
                w.WriteStartObject();
                w.WriteString(name, hash);
                w.WriteEndObject();
            }
            if (address is not null)
            {
                w.WriteStartObject();
                w.WriteStartObject("addressInfo");
                w.WriteString("hashedFirstName", address.HashedFirstName);
                w.WriteString("hashedLastName", address.HashedLastName);
                w.WriteString("countryCode", address.CountryCode);
                w.WriteString("postalCode", address.PostalCode);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        // Click conversions take adUserData only: Google accepts adPersonalization solely through
        // OfflineUserDataJobService and UserDataService.
        if (GoogleAdsFields.AdUserData(e) is { } adUserData)
        {
            w.WriteStartObject("consent");
            w.WriteString("adUserData", adUserData);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteAdjustment(
        Utf8JsonWriter w, CanonicalEvent e, GoogleAdsSettings s, IReadOnlyDictionary<string, decimal>? currentValues)
    {
        var orderId = GoogleAdsFields.AdjustedOrderId(e)
            ?? throw new ArgumentException($"Refund {e.EventId} names no order; validate it first.", nameof(e));
        var remaining = RemainingValue(e, orderId, currentValues);

        w.WriteStartObject();
        w.WriteString("conversionAction", GoogleAdsFields.ConversionActionResource(s, ActionId(e, s)));
        w.WriteString("adjustmentType", remaining is null ? "RETRACTION" : "RESTATEMENT");
        w.WriteString("adjustmentDateTime", GoogleAdsFields.DateTime(e.EventTime));
        w.WriteString("orderId", orderId);
        if (remaining is { } adjusted)
        {
            w.WriteStartObject("restatementValue");
            w.WriteNumber("adjustedValue", adjusted);
            if (!string.IsNullOrWhiteSpace(e.Currency)) w.WriteString("currencyCode", e.Currency.ToUpperInvariant());
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>What is left after a partial refund, or null when the conversion should be retracted.</summary>
    private static decimal? RemainingValue(CanonicalEvent refund, string orderId, IReadOnlyDictionary<string, decimal>? currentValues)
    {
        if (refund.Value is not { } refunded || currentValues is null || !currentValues.TryGetValue(orderId, out var current))
            return null;
        var remaining = current - refunded;
        return remaining > 0 ? remaining : null;
    }

    private static string ActionId(CanonicalEvent e, GoogleAdsSettings s) =>
        GoogleAdsFields.ConversionActionId(e, s)
        ?? throw new ArgumentException($"Event {e.EventId} ({e.EventName}) has no conversion action; validate it first.", nameof(e));

    private static bool ValidateOnly(IReadOnlyList<(CanonicalEvent Event, DeliveryTarget Target)> rows, GoogleAdsSettings settings)
    {
        if (rows.Count is 0 or > MaxRowsPerRequest)
            throw new ArgumentOutOfRangeException(nameof(rows), rows.Count, $"An upload carries 1 to {MaxRowsPerRequest} rows.");
        var tests = rows.Count(r => GoogleAdsFields.IsTest(r.Event, r.Target));
        if (tests != 0 && tests != rows.Count)
            throw new ArgumentException("Test and live events must be uploaded in separate requests.", nameof(rows));
        return settings.ValidateOnly || tests != 0;
    }

    private static OutgoingRequest Request(GoogleAdsSettings s, string accessToken, string method, string body)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Authorization"] = "Bearer " + accessToken,
            ["developer-token"] = s.DeveloperToken,
        };
        if (s.LoginCustomerIdDigits is { Length: > 0 } login) headers["login-customer-id"] = login;

        return new OutgoingRequest
        {
            Method = "POST",
            Url = $"{s.BaseUrl.TrimEnd('/')}/{s.ApiVersion}/customers/{s.CustomerIdDigits}:{method}",
            Headers = headers,
            Body = body,
            SecretHeaders = ["Authorization", "developer-token"],
        };
    }
}
