namespace Pipeline.Operations;

/// <summary>
/// Operator settings, bound from the same <c>Pipeline</c> section as <see cref="Configuration.PipelineOptions"/>:
/// <c>Pipeline:OperatorKeys</c> and <c>Pipeline:Retention:*</c>. Every default is written here once.
/// </summary>
public sealed class OperationsOptions
{
    /// <summary>Comma-separated keys accepted in the <c>x-operator-key</c> header (status page, erasure, replay).</summary>
    public string OperatorKeys { get; set; } = "";

    public RetentionOptions Retention { get; set; } = new();

    public IReadOnlyList<string> OperatorKeyList() =>
        OperatorKeys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>How long personal data is kept.</summary>
public sealed class RetentionOptions
{
    /// <summary>Visitor profiles, clicks and identity links older than this are deleted: just past Google's 90-day click window.</summary>
    public int IdentityDays { get; set; } = 100;

    /// <summary>Ledger payloads (the message kept for replay) older than this are cleared; the ledger row stays.</summary>
    public int LedgerPayloadDays { get; set; } = 30;

    /// <summary>Visitor IPs not seen for this long are cut to their network (IPv4 /24, IPv6 /48).</summary>
    public int IpTruncateDays { get; set; } = 30;
}
