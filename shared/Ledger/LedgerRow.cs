using Azure;

namespace Pipeline.Ledger;

/// <summary>A ledger row and the version it was read at: a change written with it fails if anyone wrote in between.</summary>
public sealed record LedgerRow(LedgerEntry Entry, ETag ETag);
