namespace Pipeline.IntegrationTests.Foundation;

/// <summary>Server API request bodies for tests.</summary>
public static class EventBuilder
{
    public static Dictionary<string, object?> Purchase(string? eventId = null) => new()
    {
        ["event_name"] = "Purchase",
        ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60,
        ["event_id"] = eventId ?? "purchase_" + Guid.NewGuid().ToString("N")[..12],
        ["action_source"] = "website",
        ["event_source_url"] = "https://shop.example/checkout/thank-you",
        ["value"] = 249.00m,
        ["currency"] = "EUR",
        ["order_id"] = "58213",
        ["user_data"] = new Dictionary<string, object?> { ["email"] = "Buyer@Example.com " },
        ["client_ip_address"] = "203.0.113.7",
        ["client_user_agent"] = "Mozilla/5.0 (test)",
    };
}
