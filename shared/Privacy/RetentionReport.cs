namespace Pipeline.Privacy;

/// <summary>What one retention run removed or changed, by table.</summary>
public sealed record RetentionReport(
    int VisitorRowsDeleted, int ClicksDeleted, int IdentitiesDeleted, int IpsTruncated, int LedgerPayloadsCleared);
