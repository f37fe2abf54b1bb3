using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Ops;

/// <summary>An event id arriving again from another source is noted on its match row, once per source.</summary>
public sealed class LedgerSourcesTests
{
    [Fact]
    public async Task A_second_source_is_added_to_the_match_row_once()
    {
        await using var host = await PipelineHost.StartAsync(OpsSeed.Settings());
        await OpsSeed.LedgerAsync(host, OpsSeed.Matched("purchase_2001", "shopify", DateTimeOffset.UtcNow, "click_id", orderId: "2001"));

        await host.Ledger.NoteSourceAsync("purchase_2001", "browser", default);
        await host.Ledger.NoteSourceAsync("purchase_2001", "browser", default);
        await host.Ledger.NoteSourceAsync("no-such-event", "browser", default);

        var row = await host.Ledger.GetAsync("purchase_2001", DeliveryLedger.MatchRow, default);
        Assert.Equal("shopify,browser", row!.Sources);
        Assert.Equal("2001", row.OrderId);
        Assert.Null(await host.Ledger.GetAsync("no-such-event", DeliveryLedger.MatchRow, default));
    }
}
