using System.Text.Json.Serialization;

namespace Pipeline.Privacy;

/// <summary>What an erasure deleted, by table. Counts only: it repeats none of the identifiers.</summary>
public sealed record ErasureReport
{
    /// <summary>Visitors found from the identifiers given (and the visitor id itself).</summary>
    [JsonPropertyName("visitors_found")] public int VisitorsFound { get; init; }
    [JsonPropertyName("visitor_rows_deleted")] public int VisitorRowsDeleted { get; init; }
    [JsonPropertyName("clicks_deleted")] public int ClicksDeleted { get; init; }
    [JsonPropertyName("identities_deleted")] public int IdentitiesDeleted { get; init; }
    [JsonPropertyName("ledger_payloads_cleared")] public int LedgerPayloadsCleared { get; init; }
    [JsonPropertyName("outbox_rows_deleted")] public int OutboxRowsDeleted { get; init; }
}
