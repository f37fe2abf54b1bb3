using Azure.Data.Tables;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;
using Pipeline.Storage;

namespace Pipeline.IntegrationTests.Ops;

/// <summary>Writes rows straight into a host's tables, with whatever timestamps a test needs.</summary>
public static class OpsSeed
{
    public const string OperatorKey = "test-operator-key";

    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Pipeline:OperatorKeys"] = OperatorKey };
        foreach (var (k, v) in extra) settings[k] = v;
        return settings;
    }

    public static async Task LedgerAsync(PipelineHost host, LedgerEntry e)
    {
        var table = host.Table("ledger");
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity(TableKeys.Encode(e.EventId), TableKeys.Encode(e.Destination))
        {
            ["EventId"] = e.EventId,
            ["Destination"] = e.Destination,
            ["EventName"] = e.EventName,
            ["State"] = e.State,
            ["Attempts"] = e.Attempts,
            ["LastError"] = e.LastError,
            ["Reason"] = e.Reason,
            ["Payload"] = e.Payload,
            ["Source"] = e.Source,
            ["EventTime"] = e.EventTime,
            ["CreatedAt"] = e.CreatedAt,
            ["UpdatedAt"] = e.UpdatedAt,
            ["DeliveredAt"] = e.DeliveredAt,
            ["NextAttemptAt"] = e.NextAttemptAt,
            ["OrderId"] = e.OrderId,
            ["MatchRule"] = e.MatchRule,
            ["Coverage"] = e.Coverage,
            ["Sources"] = e.Sources,
        }, TableUpdateMode.Replace);
    }

    public static async Task RowAsync(PipelineHost host, string table, TableEntity entity)
    {
        var client = host.Table(table);
        await client.CreateIfNotExistsAsync();
        await client.UpsertEntityAsync(entity, TableUpdateMode.Replace);
    }

    public static async Task<bool> ExistsAsync(PipelineHost host, string table, string pk, string rk) =>
        (await host.Table(table).GetEntityIfExistsAsync<TableEntity>(pk, rk)).HasValue;

    public static async Task<TableEntity?> GetAsync(PipelineHost host, string table, string pk, string rk) =>
        (await host.Table(table).GetEntityIfExistsAsync<TableEntity>(pk, rk)) is { HasValue: true } r ? r.Value : null;

    public static LedgerEntry Delivered(string eventId, string destination, DateTimeOffset at, string? coverage = null) => new()
    {
        EventId = eventId,
        Destination = destination,
        EventName = "Purchase",
        State = DeliveryState.Delivered,
        Attempts = 1,
        Source = "api",
        EventTime = at.AddMinutes(-2).ToUnixTimeSeconds(),
        CreatedAt = at,
        UpdatedAt = at,
        DeliveredAt = at,
        Coverage = coverage,
    };

    public static LedgerEntry Dead(string eventId, string destination, DateTimeOffset at, string error, string? payload = "{\"v\":1}") => new()
    {
        EventId = eventId,
        Destination = destination,
        EventName = "Purchase",
        State = DeliveryState.Dead,
        Attempts = 12,
        Source = "api",
        LastError = error,
        Payload = payload,
        EventTime = at.AddHours(-1).ToUnixTimeSeconds(),
        CreatedAt = at.AddHours(-1),
        UpdatedAt = at,
    };

    public static LedgerEntry Matched(string eventId, string source, DateTimeOffset at, string rule, string? orderId = null, string? coverage = null, string? sources = null) => new()
    {
        EventId = eventId,
        Destination = DeliveryLedger.MatchRow,
        EventName = "Purchase",
        State = DeliveryState.Delivered,
        Attempts = 1,
        Source = source,
        Sources = sources,
        EventTime = at.ToUnixTimeSeconds(),
        CreatedAt = at,
        UpdatedAt = at,
        DeliveredAt = at,
        MatchRule = rule,
        OrderId = orderId,
        Coverage = coverage,
        Reason = $"matched by {rule}; 1 destination(s)",
    };
}
