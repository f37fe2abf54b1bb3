using Azure.Data.Tables;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Ops;

/// <summary>A ledger with known numbers, shared by the status JSON and browser tests.</summary>
public static class StatusScenario
{
    public const int MetaDelivered = 8;
    public const int MetaDead = 2;
    public const int GoogleAdsDelivered = 4;
    public const int GoogleAdsDead = 1;
    public const int DeadLetters = 3;
    public const string GoogleAdsError = "HTTP 400: INVALID_ARGUMENT conversion_date_time";

    public static async Task SeedAsync(PipelineHost host)
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 5; i++)
            await OpsSeed.LedgerAsync(host, OpsSeed.Delivered($"m-recent-{i}", "meta", now.AddMinutes(-3), i < 4 ? "click,fbc,fbp,em,ipua" : "em"));
        for (var i = 0; i < 3; i++)
            await OpsSeed.LedgerAsync(host, OpsSeed.Delivered($"m-earlier-{i}", "meta", now.AddHours(-5), "em"));
        await OpsSeed.LedgerAsync(host, OpsSeed.Dead("m-dead-0", "meta", now.AddHours(-3), "HTTP 400: Invalid OAuth access token"));
        await OpsSeed.LedgerAsync(host, OpsSeed.Dead("m-dead-1", "meta", now.AddHours(-3), "expired: the platform refuses events older than 168 h", payload: null));
        await OpsSeed.LedgerAsync(host, OpsSeed.Delivered("m-retry", "meta", now.AddMinutes(-1)) with
        {
            State = DeliveryState.Retrying, DeliveredAt = null, Attempts = 2, LastError = "HTTP 503", NextAttemptAt = now.AddMinutes(4),
        });
        // A delivery from three days ago is outside the window.
        await OpsSeed.LedgerAsync(host, OpsSeed.Delivered("m-old", "meta", now.AddDays(-3)));

        for (var i = 0; i < GoogleAdsDelivered; i++)
            await OpsSeed.LedgerAsync(host, OpsSeed.Delivered($"g-{i}", "google-ads", now.AddHours(-2), "click,em,ph"));
        await OpsSeed.LedgerAsync(host, OpsSeed.Dead("g-dead", "google-ads", now.AddHours(-26), GoogleAdsError));

        // Match rows: click_id 6, visitor_id 3, none 1; three orders seen from both the browser and a server.
        await OpsSeed.LedgerAsync(host, OpsSeed.Matched("purchase_1001", "browser", now, "click_id", orderId: "1001", sources: "browser,shopify"));
        await OpsSeed.LedgerAsync(host, OpsSeed.Matched("browser-7f3a", "browser", now, "none", orderId: "1002"));
        await OpsSeed.LedgerAsync(host, OpsSeed.Matched("purchase_1002", "shopify", now, "click_id", orderId: "1002"));
        await OpsSeed.LedgerAsync(host, OpsSeed.Matched("purchase_1003", "browser", now, "visitor_id", orderId: "1003", sources: "browser,stripe"));
        for (var i = 0; i < 4; i++) await OpsSeed.LedgerAsync(host, OpsSeed.Matched($"c-{i}", "api", now, "click_id"));
        for (var i = 0; i < 2; i++) await OpsSeed.LedgerAsync(host, OpsSeed.Matched($"v-{i}", "api", now, "visitor_id"));

        await OpsSeed.RowAsync(host, "circuits", new TableEntity("circuit", "tiktok") { ["State"] = "open", ["Reason"] = "auth failures: token expired" });
        await OpsSeed.RowAsync(host, "circuits", new TableEntity("circuit", "meta") { ["State"] = "closed" });
    }
}
