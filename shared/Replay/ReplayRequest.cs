namespace Pipeline.Replay;

/// <summary>An operator's replay: what to replay, whether only to list it, and why (kept in the ledger).</summary>
public sealed record ReplayRequest(ReplayFilter Filter, bool DryRun = false, string? Note = null)
{
    public const string DefaultNote = "operator replay";
}
