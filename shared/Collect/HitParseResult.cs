using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Collect;

/// <summary>Either a valid batch or the reason for a 400 (the reason names fields, never echoes values).</summary>
public sealed record HitParseResult
{
    private HitParseResult(HitBatch? batch, string? error) => (Batch, Error) = (batch, error);

    public HitBatch? Batch { get; }
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Batch))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Batch is not null;

    public static HitParseResult Valid(HitBatch batch) => new(batch, null);
    public static HitParseResult Invalid(string reason) => new(null, reason);
}
