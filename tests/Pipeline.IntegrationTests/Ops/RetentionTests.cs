using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Privacy;

namespace Pipeline.IntegrationTests.Ops;

/// <summary>The retention purge removes what is past its time and keeps the rest.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Old_identity_rows_are_deleted_old_ips_truncated_old_payloads_cleared_and_recent_rows_kept()
    {
        await using var host = await PipelineHost.StartAsync(OpsSeed.Settings());
        var now = DateTimeOffset.UtcNow;
        await OpsSeed.RowAsync(host, "visitors", new TableEntity("v-old", "profile") { ["LastSeen"] = now.AddDays(-200), ["Ip"] = "203.0.113.77", ["UserAgent"] = "UA" });
        await OpsSeed.RowAsync(host, "visitors", new TableEntity("v-old", "click~gclid~1700000000000") { ["CapturedAt"] = now.AddDays(-150), ["ClickId"] = "old-click" });
        await OpsSeed.RowAsync(host, "visitors", new TableEntity("v-mid", "profile") { ["LastSeen"] = now.AddDays(-40), ["Ip"] = "203.0.113.77" });
        await OpsSeed.RowAsync(host, "visitors", new TableEntity("v-v6", "profile") { ["LastSeen"] = now.AddDays(-45), ["Ip"] = "2001:db8:85a3:8d3:1319:8a2e:370:7348" });
        await OpsSeed.RowAsync(host, "visitors", new TableEntity("v-new", "profile") { ["LastSeen"] = now.AddDays(-1), ["Ip"] = "198.51.100.9" });
        await OpsSeed.RowAsync(host, "visitors", new TableEntity("v-new", "click~gclid~1800000000000") { ["CapturedAt"] = now.AddDays(-1), ["ClickId"] = "new-click" });
        await OpsSeed.RowAsync(host, "clicks", new TableEntity("gclid:old-click", "v-old") { ["CapturedAt"] = now.AddDays(-150), ["VisitorId"] = "v-old" });
        await OpsSeed.RowAsync(host, "clicks", new TableEntity("gclid:new-click", "v-new") { ["CapturedAt"] = now.AddDays(-2), ["VisitorId"] = "v-new" });
        await OpsSeed.RowAsync(host, "identities", new TableEntity("em:" + new string('a', 64), "v-old") { ["LinkedAt"] = now.AddDays(-120) });
        await OpsSeed.RowAsync(host, "identities", new TableEntity("em:" + new string('b', 64), "v-new") { ["LinkedAt"] = now.AddDays(-1) });
        await OpsSeed.LedgerAsync(host, OpsSeed.Dead("e-old", "meta", now.AddDays(-40), "HTTP 400"));
        await OpsSeed.LedgerAsync(host, OpsSeed.Dead("e-new", "meta", now.AddDays(-1), "HTTP 400"));

        var report = await host.Services.GetRequiredService<RetentionPurger>().PurgeAsync(default);

        Assert.Equal(new RetentionReport(VisitorRowsDeleted: 2, ClicksDeleted: 1, IdentitiesDeleted: 1, IpsTruncated: 2, LedgerPayloadsCleared: 1), report);
        Assert.False(await OpsSeed.ExistsAsync(host, "visitors", "v-old", "profile"));
        Assert.False(await OpsSeed.ExistsAsync(host, "visitors", "v-old", "click~gclid~1700000000000"));
        Assert.Equal("203.0.113.0", (await OpsSeed.GetAsync(host, "visitors", "v-mid", "profile"))!.GetString("Ip"));
        Assert.Equal("2001:db8:85a3::", (await OpsSeed.GetAsync(host, "visitors", "v-v6", "profile"))!.GetString("Ip"));
        Assert.Equal("198.51.100.9", (await OpsSeed.GetAsync(host, "visitors", "v-new", "profile"))!.GetString("Ip"));
        Assert.True(await OpsSeed.ExistsAsync(host, "visitors", "v-new", "click~gclid~1800000000000"));
        Assert.False(await OpsSeed.ExistsAsync(host, "clicks", "gclid:old-click", "v-old"));
        Assert.True(await OpsSeed.ExistsAsync(host, "clicks", "gclid:new-click", "v-new"));
        Assert.False(await OpsSeed.ExistsAsync(host, "identities", "em:" + new string('a', 64), "v-old"));
        Assert.True(await OpsSeed.ExistsAsync(host, "identities", "em:" + new string('b', 64), "v-new"));

        var oldRow = await host.Ledger.GetAsync("e-old", "meta", default);
        Assert.NotNull(oldRow);
        Assert.Null(oldRow.Payload);
        Assert.Equal("HTTP 400", oldRow.LastError);
        Assert.NotNull((await host.Ledger.GetAsync("e-new", "meta", default))!.Payload);

        // A second run finds nothing more to do.
        Assert.Equal(new RetentionReport(0, 0, 0, 0, 0), await host.Services.GetRequiredService<RetentionPurger>().PurgeAsync(default));
    }

    [Fact]
    public async Task Retention_windows_come_from_settings()
    {
        await using var host = await PipelineHost.StartAsync(OpsSeed.Settings(("Pipeline:Retention:IdentityDays", "7")));
        var now = DateTimeOffset.UtcNow;
        await OpsSeed.RowAsync(host, "identities", new TableEntity("xid:" + new string('c', 64), "v-1") { ["LinkedAt"] = now.AddDays(-8) });

        var report = await host.Services.GetRequiredService<RetentionPurger>().PurgeAsync(default);

        Assert.Equal(1, report.IdentitiesDeleted);
    }
}
