using System.Globalization;
using Pipeline.Events;
using Pipeline.Identity;

namespace Pipeline.Destinations.GoogleAds;

/// <summary>How canonical event fields become Google Ads conversion fields; shared by validator and builder.</summary>
internal static class GoogleAdsFields
{
    /// <summary>Google's limit on user identifiers per conversion.</summary>
    public const int MaxUserIdentifiers = 5;

    public const string RefundEventName = "Refund";

    // gclid first (the strongest id); then wbraid before gbraid because a shop converts on the web, which is
    // what wbraid measures (gbraid measures app conversions). Google rejects gbraid and wbraid together.
    private static readonly string[] ClickIdPreference = ["gclid", "wbraid", "gbraid"];

    /// <summary>The one click id to send, as (field name, value), or null when the event has none.</summary>
    public static (string Name, string Value)? ClickId(CanonicalEvent e)
    {
        if (e.ClickIds is null) return null;
        foreach (var name in ClickIdPreference)
        {
            foreach (var (key, value) in e.ClickIds)
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
                    return (name, value.Trim());
            }
        }
        return null;
    }

    /// <summary>Hashed e-mail and phone by Google's rules, unless the visitor denied sharing user data.</summary>
    public static IReadOnlyList<(string Name, string Hash)> UserIdentifiers(CanonicalEvent e)
    {
        if (AdUserData(e) == "DENIED" || e.UserData is null) return [];
        var ids = new List<(string, string)>();
        if (e.UserData.Email?.For(HashRules.Google) is { Length: > 0 } email) ids.Add(("hashedEmail", email));
        if (e.UserData.Phone?.For(HashRules.Google) is { Length: > 0 } phone) ids.Add(("hashedPhoneNumber", phone));
        return ids.Take(MaxUserIdentifiers).ToList();
    }

    /// <summary>
    /// The <c>addressInfo</c> identifier of a click conversion (enhanced conversions for leads): hashed first and
    /// last name with the unhashed country code and postal code, the four parts Google matches an address on for
    /// click conversions. Null when the visitor denied sharing user data or any of the four is missing. Google
    /// accepts street, city and state only on adjustment and store sales uploads, so they are not sent here.
    /// </summary>
    public static GoogleAdsAddressInfo? AddressInfo(CanonicalEvent e)
    {
        if (AdUserData(e) == "DENIED" || e.UserData is not { } user) return null;
        var firstName = user.FirstName?.For(HashRules.Google);
        var lastName = user.LastName?.For(HashRules.Google);
        var countryCode = user.GoogleAddress?.Country;
        var postalCode = user.GoogleAddress?.PostalCode;
        if (firstName is null || lastName is null || countryCode is null || postalCode is null) return null;
        return new GoogleAdsAddressInfo(firstName, lastName, countryCode, postalCode);
    }

    /// <summary>GRANTED or DENIED from Consent Mode's ad_user_data (else ad_storage), or null when unknown.</summary>
    public static string? AdUserData(CanonicalEvent e) => ConsentSignals.GoogleValue(ConsentSignals.AdUserData(e.Consent));

    /// <summary>Google's "yyyy-MM-dd HH:mm:ss+00:00" for a Unix time, in UTC.</summary>
    public static string DateTime(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The idempotency key of a conversion: the order id, or the event id when there is no order.</summary>
    public static string ConversionOrderId(CanonicalEvent e) =>
        string.IsNullOrWhiteSpace(e.OrderId) ? e.EventId : e.OrderId;

    /// <summary>The order id of the conversion a refund corrects (its purchase was sent with OrderId ?? EventId).</summary>
    public static string? AdjustedOrderId(CanonicalEvent refund) =>
        !string.IsNullOrWhiteSpace(refund.OrderId) ? refund.OrderId
        : !string.IsNullOrWhiteSpace(refund.OriginalEventId) ? refund.OriginalEventId
        : null;

    public static bool IsRefund(CanonicalEvent e) => e.EventName == RefundEventName;

    public static bool IsTest(CanonicalEvent e, DeliveryTarget t) => e.Test || t.Test;

    /// <summary>The conversion action of an event; a refund corrects the purchase's action unless Refund is mapped.</summary>
    public static string? ConversionActionId(CanonicalEvent e, GoogleAdsSettings s) =>
        IsRefund(e)
            ? s.ConversionActions.TryGetValue(RefundEventName, out var refundAction) && !string.IsNullOrWhiteSpace(refundAction)
                ? refundAction
                : s.ConversionActionFor("Purchase")
            : s.ConversionActionFor(e.EventName);

    public static string ConversionActionResource(GoogleAdsSettings s, string actionId) =>
        $"customers/{s.CustomerIdDigits}/conversionActions/{actionId}";
}

/// <summary>An address as a Google Ads click conversion takes it; names hashed, country and postal code unhashed.</summary>
internal sealed record GoogleAdsAddressInfo(string HashedFirstName, string HashedLastName, string CountryCode, string PostalCode);
