using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Pipeline.Http;
using Pipeline.Storage;

namespace Pipeline.Destinations.Outbox;

/// <summary>
/// <c>GET /api/operator/outbox[?destination=ID][&amp;event_id=ID][&amp;limit=N]</c> (operator key): the requests the
/// outbox recorded, newest first, so a new user sees exactly what would be sent without a storage browser.
/// </summary>
public sealed class OutboxHandler(StorageClients clients, TableNames names, OperatorKeyAuthenticator authenticator)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 200;

    /// <summary>Rows read at most: the outbox is a demo and dry-run aid, not an archive.</summary>
    private const int MaxScan = 5000;

    public async Task<ApiResult> HandleAsync(HttpRequest request, CancellationToken ct)
    {
        if (authenticator.Refusal(request) is { } refusal) return refusal;
        var limit = DefaultLimit;
        if (request.Query["limit"].ToString() is { Length: > 0 } text && (!int.TryParse(text, out limit) || limit is < 1 or > MaxLimit))
            return ApiResult.Error(StatusCodes.Status400BadRequest, $"limit must be a number from 1 to {MaxLimit}");
        var destination = request.Query["destination"].ToString();
        var eventId = request.Query["event_id"].ToString();

        var table = clients.Tables.GetTableClient(names.Outbox);
        var query = destination.Length > 0
            ? table.QueryAsync<TableEntity>(e => e.PartitionKey == TableKeys.Encode(destination), cancellationToken: ct)
            : table.QueryAsync<TableEntity>(cancellationToken: ct);
        var rows = new List<TableEntity>();
        await foreach (var row in query)
        {
            if (eventId.Length > 0 && row.GetString("EventId") != eventId) continue;
            rows.Add(row);
            if (rows.Count >= MaxScan) break;
        }

        var items = rows
            .OrderByDescending(r => r.GetDateTimeOffset("RecordedAt"))
            .Take(limit)
            .Select(r => new
            {
                destination = r.GetString("Destination"),
                event_id = r.GetString("EventId"),
                recorded_at = r.GetDateTimeOffset("RecordedAt"),
                method = r.GetString("Method"),
                url = r.GetString("Url"),
                headers = Parse(r.GetString("Headers")),
                body = Parse(r.GetString("Body")),
            });
        return ApiResult.JsonBody(StatusCodes.Status200OK, new { requests = items });
    }

    // Bodies are JSON for every platform; anything else is shown as the text it is.
    private static object? Parse(string? json)
    {
        if (json is null) return null;
        try { return JsonDocument.Parse(json).RootElement.Clone(); }
        catch (JsonException) { return json; }
    }
}
