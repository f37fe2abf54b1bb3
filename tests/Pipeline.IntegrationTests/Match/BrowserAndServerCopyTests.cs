using System.Text.Json;
using Azure.Data.Tables;
using Pipeline.Configuration;
using Pipeline.Events;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Match;

/// <summary>
/// The redundant setup: the browser forwards a Purchase and the webhook reports the same order with the same event id.
/// Platforms keep the first copy they get, so the server copy (with the order's hashed identifiers) must go first.
/// </summary>
public sealed class BrowserAndServerCopyTests
{
    [Fact]
    public async Task A_browser_purchase_waits_so_the_server_copy_is_sent_and_the_browser_copy_is_only_noted()
    {
        await using var host = await PipelineHost.StartAsync(new Dictionary<string, string?>
        {
            ["Pipeline:Match:BrowserConversionDelaySeconds"] = "3",
        });
        var eventId = "purchase_" + Guid.NewGuid().ToString("N")[..10];
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var browserCopy = new CanonicalEvent
        {
            EventName = "Purchase", EventId = eventId, EventTime = now - 5, ActionSource = "website", Source = "browser",
            Value = 20m, Currency = "EUR", OrderId = "1001", ClientUserAgent = "Mozilla/5.0 (browser copy)",
        };

        // The browser's copy arrives first, then the webhook's (here through the server API) with the e-mail.
        await host.Queue(host.EventsQueue).SendMessageAsync(Json.Serialize(new EventMessage { Event = browserCopy }));
        await Eventually.Get(async () =>
            await host.Ledger.GetAsync(eventId, DeliveryLedger.MatchRow, default) is { State: DeliveryState.Pending } r ? r : null,
            "the browser copy to wait");
        var response = await host.PostEventAsync(new Dictionary<string, object?>
        {
            ["event_name"] = "Purchase", ["event_time"] = now - 5, ["event_id"] = eventId, ["action_source"] = "website",
            ["value"] = 20m, ["currency"] = "EUR", ["order_id"] = "1001", ["client_user_agent"] = "Mozilla/5.0 (server copy)",
            ["user_data"] = new Dictionary<string, object?> { ["email"] = "buyer@example.com" },
        });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);

        // The server copy is what was sent; the browser copy is recorded as a second source, not sent again.
        var sent = await Eventually.Get(async () =>
            (await host.Table("outbox").GetEntityIfExistsAsync<TableEntity>("outbox", eventId)) is { HasValue: true } r ? r.Value : null,
            "the outbox row");
        using var body = JsonDocument.Parse(sent.GetString("Body")!);
        Assert.Equal("api", body.RootElement.GetProperty("source").GetString());
        Assert.True(body.RootElement.GetProperty("user_data").TryGetProperty("em", out _));
        var noted = await Eventually.Get(async () =>
            await host.Ledger.GetAsync(eventId, DeliveryLedger.MatchRow, default) is { Sources: { } s } r && s.Contains("browser") ? r : null,
            "the browser copy to be noted on the match row");
        Assert.Contains("api", noted.Sources);
        var outbox = await host.Ledger.GetAsync(eventId, "outbox", default);
        Assert.Equal(1, outbox!.Attempts);
    }
}
