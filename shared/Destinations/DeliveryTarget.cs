using System.Text.Json.Serialization;

namespace Pipeline.Destinations;

/// <summary>A destination an event may go to, with what consent allows there.</summary>
public sealed record DeliveryTarget
{
    [JsonPropertyName("destination")] public string Destination { get; init; } = "";

    /// <summary>Platform event name from the destination's mapping (e.g. GA4 <c>purchase</c>); null = the standard name.</summary>
    [JsonPropertyName("event_name")] public string? EventName { get; init; }

    /// <summary>US sale/share opt-out: Meta LDU, TikTok limited_data_use.</summary>
    [JsonPropertyName("limited_data_use")] public bool LimitedDataUse { get; init; }

    /// <summary>Ads personalization denied: GA4 <c>ad_personalization: DENIED</c> (Google Ads click conversions take no such field).</summary>
    [JsonPropertyName("ad_personalization_denied")] public bool AdPersonalizationDenied { get; init; }

    /// <summary>Send to the platform's test mode only (test orders, test destinations).</summary>
    [JsonPropertyName("test")] public bool Test { get; init; }
}
