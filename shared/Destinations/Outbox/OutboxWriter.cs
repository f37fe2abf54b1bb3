using Azure.Data.Tables;
using Pipeline.Storage;

namespace Pipeline.Destinations.Outbox;

/// <summary>
/// Records requests instead of sending them: partition = destination id, row = event id, so a redelivery
/// overwrites its own row and the outbox shows exactly one request per event and destination.
/// </summary>
public sealed class OutboxWriter(StorageClients clients, TableNames names, TimeProvider time)
{
    public Task WriteAsync(string destination, string eventId, OutgoingRequest request, CancellationToken ct)
    {
        var redacted = request.Redacted();
        var entity = new TableEntity(TableKeys.Encode(destination), TableKeys.Encode(eventId))
        {
            ["Destination"] = destination,
            ["EventId"] = eventId,
            ["Method"] = redacted.Method,
            ["Url"] = redacted.Url,
            ["ContentType"] = redacted.ContentType,
            ["Headers"] = System.Text.Json.JsonSerializer.Serialize(redacted.Headers),
            ["Body"] = redacted.Body,
            ["RecordedAt"] = time.GetUtcNow(),
        };
        // The table exists from start-up; a missing table is a real fault and must surface, not be papered over.
        return clients.Tables.GetTableClient(names.Outbox).UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
    }
}
