using Azure.Core;
using Azure.Data.Tables;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Storage;

namespace Pipeline.IntegrationTests.Storage;

/// <summary>The counting policy on a real table client: every request counted once by method, and a reset starts at zero.</summary>
public sealed class StorageTransactionCounterTests
{
    [Fact]
    public async Task Counts_each_request_by_service_and_method_and_a_reset_starts_from_zero()
    {
        var azurite = await Azurite.Shared;
        var counter = new StorageTransactionCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter.Policy("table"), HttpPipelinePosition.PerRetry);
        var table = new TableClient(azurite.ConnectionString, "counted" + Guid.NewGuid().ToString("N")[..8], options);
        await table.CreateIfNotExistsAsync();
        counter.Reset();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => table.UpsertEntityAsync(new TableEntity("p", $"r{i}"))));
        await table.GetEntityAsync<TableEntity>("p", "r0");

        Assert.Equal(new Dictionary<string, long> { ["table PATCH"] = 8, ["table GET"] = 1 }, counter.Snapshot());
        Assert.Equal(9, counter.Total);

        counter.Reset();
        await table.GetEntityAsync<TableEntity>("p", "r1");
        Assert.Equal(new Dictionary<string, long> { ["table GET"] = 1 }, counter.Snapshot());
        await table.DeleteAsync();
    }
}
