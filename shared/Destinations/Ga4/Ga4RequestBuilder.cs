using System.Text;
using System.Text.Json;
using Pipeline.Destinations.Platform;
using Pipeline.Events;
using Pipeline.Identity;

namespace Pipeline.Destinations.Ga4;

/// <summary>Builds Measurement Protocol requests for validated events of one visitor; pure, the shared sender performs them.</summary>
public static class Ga4RequestBuilder
{
    public const string SessionIdKey = "ga_session_id";
    public const string ApiSecretParameter = "api_secret";

    /// <summary>GA4's limit of events per Measurement Protocol request.</summary>
    public const int MaxEventsPerRequest = 25;

    /// <summary>
    /// POST /mp/collect (or /debug/mp/collect in debug mode and for test events) for an event that passed
    /// <see cref="Ga4EventValidator"/>.
    /// </summary>
    public static OutgoingRequest Build(CanonicalEvent e, DeliveryTarget target, Ga4Settings settings) =>
        Build([(e, target)], settings);

    /// <summary>
    /// One request for validated events that share their <see cref="RequestKey"/>: everything but the events array
    /// (client id, user id, timestamp, consent, user data) is written once, from the first event.
    /// </summary>
    /// <exception cref="ArgumentException">Empty or oversized batch, an event without client id, or differing request-level fields.</exception>
    public static OutgoingRequest Build(IReadOnlyList<(CanonicalEvent Event, DeliveryTarget Target)> events, Ga4Settings settings)
    {
        RequestSize.Check(events.Count, MaxEventsPerRequest, "GA4", nameof(events));
        var (first, target) = events[0];
        var key = RequestKey(first, target, settings);
        if (events.Skip(1).Any(x => RequestKey(x.Event, x.Target, settings) != key))
            throw new ArgumentException("Events with different client ids or request-level fields cannot share a GA4 request.", nameof(events));
        var clientId = Ga4ClientId.For(first)!;
        var path = IsDebug(first, target, settings) ? "/debug/mp/collect" : "/mp/collect";
        var url = $"{settings.BaseUrl.TrimEnd('/')}{path}?measurement_id={Uri.EscapeDataString(settings.MeasurementId)}"
            + $"&{ApiSecretParameter}={Uri.EscapeDataString(settings.ApiSecret)}";

        return new OutgoingRequest
        {
            Method = "POST",
            Url = url,
            Body = JsonBody.Write(w =>
            {
                WriteRequestFields(w, first, target, settings, clientId);
                w.WriteStartArray("events");
                foreach (var (e, t) in events) WriteEvent(w, e, t);
                w.WriteEndArray();
            }),
            SecretQueryParameters = [ApiSecretParameter],
        };
    }

    /// <summary>
    /// Equal for events that may share a request: same endpoint and same request-level fields, so a visitor's
    /// user id, consent or user data never travels with another event's. A digest, because the fields hold hashes
    /// of personal data that need not sit in memory twice. Throws when the event has no client id (validate first).
    /// </summary>
    public static string RequestKey(CanonicalEvent e, DeliveryTarget target, Ga4Settings settings)
    {
        var clientId = Ga4ClientId.For(e)
            ?? throw new ArgumentException($"Event {e.EventId} has no GA4 client id; validate it first.", nameof(e));
        var fields = JsonBody.Write(w => WriteRequestFields(w, e, target, settings, clientId));
        var digest = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(fields));
        return (IsDebug(e, target, settings) ? "debug|" : "collect|") + Convert.ToHexStringLower(digest);
    }

    private static bool IsDebug(CanonicalEvent e, DeliveryTarget target, Ga4Settings settings) =>
        settings.DebugMode || e.Test || target.Test;

    private static void WriteRequestFields(Utf8JsonWriter w, CanonicalEvent e, DeliveryTarget t, Ga4Settings s, string clientId)
    {
        w.WriteString("client_id", clientId);
        if (s.ExternalIdAsUserId && e.UserData?.ExternalId?.For(HashRules.Google) is { Length: > 0 } userId)
            w.WriteString("user_id", userId);
        w.WriteNumber("timestamp_micros", e.EventTime * 1_000_000);

        // Both ad signals whenever the visitor's consent is known: GA4 uses them to decide what may flow to Google Ads.
        var adUserData = ConsentSignals.GoogleValue(ConsentSignals.AdUserData(e.Consent));
        var adPersonalization = ConsentSignals.GoogleValue(t.AdPersonalizationDenied ? false : ConsentSignals.AdPersonalization(e.Consent));
        if (adUserData is not null || adPersonalization is not null)
        {
            w.WriteStartObject("consent");
            if (adUserData is not null) w.WriteString("ad_user_data", adUserData);
            if (adPersonalization is not null) w.WriteString("ad_personalization", adPersonalization);
            w.WriteEndObject();
        }

        // User data goes only where the visitor has not denied sharing it for ads.
        var email = e.UserData?.Email?.For(HashRules.Google);
        var phone = e.UserData?.Phone?.For(HashRules.Google);
        var address = Ga4UserAddress.From(e.UserData);
        if (adUserData != "DENIED" && (email is not null || phone is not null || address is not null))
        {
            w.WriteStartObject("user_data");
            if (email is not null) w.WriteStringArray("sha256_email_address", email);
            if (phone is not null) w.WriteStringArray("sha256_phone_number", phone);
            if (address is not null) Ga4UserAddress.Write(w, address);
            w.WriteEndObject();
        }
    }

    private static void WriteEvent(Utf8JsonWriter w, CanonicalEvent e, DeliveryTarget t)
    {
        w.WriteStartObject();
        var name = Ga4EventNames.For(e.EventName, t.EventName);
        w.WriteString("name", name);
        w.WriteStartObject("params");
        if (Ga4EventNames.IsTransaction(name)) w.WriteString("transaction_id", TransactionId(e));
        if (e.Value is { } value) w.WriteNumber("value", value);
        if (!string.IsNullOrWhiteSpace(e.Currency)) w.WriteString("currency", e.Currency.ToUpperInvariant());
        if (e.Contents is { Count: > 0 } contents)
        {
            w.WriteStartArray("items");
            foreach (var item in contents)
            {
                w.WriteStartObject();
                w.WriteString("item_id", item.Id);
                if (!string.IsNullOrWhiteSpace(item.Name)) w.WriteString("item_name", item.Name);
                w.WriteNumber("quantity", item.Quantity);
                if (item.Price is { } price) w.WriteNumber("price", price);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (e.BrowserIds is not null && e.BrowserIds.TryGetValue(SessionIdKey, out var session) && !string.IsNullOrWhiteSpace(session))
            w.WriteString("session_id", session.Trim());
        // Without engagement time GA4 does not count the session as active and the purchase lands unattributed.
        w.WriteNumber("engagement_time_msec", 1);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A refund must carry its purchase's transaction id, which was OrderId ?? EventId of the purchase.</summary>
    private static string TransactionId(CanonicalEvent e) =>
        !string.IsNullOrWhiteSpace(e.OrderId) ? e.OrderId
        : e.EventName == "Refund" && !string.IsNullOrWhiteSpace(e.OriginalEventId) ? e.OriginalEventId
        : e.EventId;

    private static void WriteStringArray(this Utf8JsonWriter w, string name, string value)
    {
        w.WriteStartArray(name);
        w.WriteStringValue(value);
        w.WriteEndArray();
    }
}
