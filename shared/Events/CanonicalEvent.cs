using System.Text.Json.Serialization;
using Pipeline.Identity;

namespace Pipeline.Events;

/// <summary>The one shape every source produces and every later stage reads. It never holds plaintext PII.</summary>
public sealed record CanonicalEvent
{
    /// <summary>Standard event name, platform-neutral: Purchase, Refund, Subscribe, Lead, AddToCart, PageView, …</summary>
    [JsonPropertyName("event_name")] public string EventName { get; init; } = "";

    /// <summary>When the user converted, Unix seconds.</summary>
    [JsonPropertyName("event_time")] public long EventTime { get; init; }

    /// <summary>Deterministic id shared with the browser pixel (e.g. <c>purchase_58213</c>) so platforms deduplicate.</summary>
    [JsonPropertyName("event_id")] public string EventId { get; init; } = "";

    /// <summary>Where the user converted (Meta's enum), not where the request came from.</summary>
    [JsonPropertyName("action_source")] public string ActionSource { get; init; } = "";

    [JsonPropertyName("event_source_url")] public string? EventSourceUrl { get; init; }
    [JsonPropertyName("referrer_url")] public string? ReferrerUrl { get; init; }

    /// <summary>Which ingest produced it: api, browser, shopify, stripe.</summary>
    [JsonPropertyName("source")] public string Source { get; init; } = "api";

    /// <summary>The source's own id for the business object (shop + order id, Stripe object id…).</summary>
    [JsonPropertyName("source_id")] public string? SourceId { get; init; }

    [JsonPropertyName("value")] public decimal? Value { get; init; }

    /// <summary>ISO-4217, uppercase.</summary>
    [JsonPropertyName("currency")] public string? Currency { get; init; }

    [JsonPropertyName("order_id")] public string? OrderId { get; init; }

    /// <summary>For a refund or adjustment: the event id of the purchase it corrects.</summary>
    [JsonPropertyName("original_event_id")] public string? OriginalEventId { get; init; }

    [JsonPropertyName("contents")] public IReadOnlyList<ContentItem>? Contents { get; init; }

    /// <summary>Visitor ids carried by the event (cookie, cart attribute, client_reference_id…), strongest first.</summary>
    [JsonPropertyName("visitor_ids")] public IReadOnlyList<string>? VisitorIds { get; init; }

    /// <summary>Click ids by URL parameter name (fbclid, gclid, gbraid, wbraid, ttclid, msclkid, …), case kept.</summary>
    [JsonPropertyName("click_ids")] public IReadOnlyDictionary<string, string>? ClickIds { get; init; }

    /// <summary>Platform browser identifiers: fbc, fbp, ttp, ga_client_id, ga_session_id, scid, epik, rdt_uuid, …</summary>
    [JsonPropertyName("browser_ids")] public IReadOnlyDictionary<string, string>? BrowserIds { get; init; }

    /// <summary>Identifiers hashed at the edge, one hash per platform rule set.</summary>
    [JsonPropertyName("user_data")] public HashedUserData? UserData { get; init; }

    /// <summary>The buyer's own IP and user agent, never a staff member's or the webhook sender's.</summary>
    [JsonPropertyName("client_ip_address")] public string? ClientIpAddress { get; init; }
    [JsonPropertyName("client_user_agent")] public string? ClientUserAgent { get; init; }

    /// <summary>Test orders go only to the platforms' test modes.</summary>
    [JsonPropertyName("test")] public bool Test { get; init; }

    [JsonPropertyName("consent")] public ConsentState? Consent { get; init; }

    /// <summary>ISO-3166-1 alpha-2 of the buyer when known (billing country, geo), uppercase.</summary>
    [JsonPropertyName("country")] public string? Country { get; init; }
}

/// <summary>One line item.</summary>
public sealed record ContentItem
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("quantity")] public int Quantity { get; init; } = 1;
    [JsonPropertyName("price")] public decimal? Price { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
}

/// <summary>Consent as the visitor gave it; null members are unknown.</summary>
public sealed record ConsentState
{
    /// <summary>Google Consent Mode v2 signals: "granted" or "denied".</summary>
    [JsonPropertyName("ad_storage")] public string? AdStorage { get; init; }
    [JsonPropertyName("analytics_storage")] public string? AnalyticsStorage { get; init; }
    [JsonPropertyName("ad_user_data")] public string? AdUserData { get; init; }
    [JsonPropertyName("ad_personalization")] public string? AdPersonalization { get; init; }

    /// <summary>US sale/share opt-out (CCPA/CPRA, Global Privacy Control).</summary>
    [JsonPropertyName("sale_of_data_opt_out")] public bool? SaleOfDataOptOut { get; init; }

    /// <summary>When it was given, Unix seconds.</summary>
    [JsonPropertyName("time")] public long? Time { get; init; }
}
