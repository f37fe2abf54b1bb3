using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pipeline.Events;
using Pipeline.Identity;

namespace Pipeline.Destinations.Ga4;

/// <summary>Builds one Measurement Protocol request per validated event; pure, the shared sender performs it.</summary>
public static class Ga4RequestBuilder
{
    public const string SessionIdKey = "ga_session_id";
    public const string ApiSecretParameter = "api_secret";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// POST /mp/collect (or /debug/mp/collect in debug mode and for test events) for an event that passed
    /// <see cref="Ga4EventValidator"/>. One event per request: each carries its own visitor's client_id.
    /// </summary>
    public static OutgoingRequest Build(CanonicalEvent e, DeliveryTarget target, Ga4Settings settings)
    {
        var clientId = Ga4ClientId.For(e)
            ?? throw new ArgumentException($"Event {e.EventId} has no GA4 client id; validate it first.", nameof(e));
        var debug = settings.DebugMode || e.Test || target.Test;
        var path = debug ? "/debug/mp/collect" : "/mp/collect";
        var url = $"{settings.BaseUrl.TrimEnd('/')}{path}?measurement_id={Uri.EscapeDataString(settings.MeasurementId)}"
            + $"&{ApiSecretParameter}={Uri.EscapeDataString(settings.ApiSecret)}";

        return new OutgoingRequest
        {
            Method = "POST",
            Url = url,
            Body = Write(w => WriteBody(w, e, target, settings, clientId)),
            SecretQueryParameters = [ApiSecretParameter],
        };
    }

    private static void WriteBody(Utf8JsonWriter w, CanonicalEvent e, DeliveryTarget t, Ga4Settings s, string clientId)
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

        w.WriteStartArray("events");
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
        w.WriteEndArray();
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

    private static string Write(Action<Utf8JsonWriter> writeMembers)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            writeMembers(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
