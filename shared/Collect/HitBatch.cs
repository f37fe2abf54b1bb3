namespace Pipeline.Collect;

/// <summary>One body the snippet posted, validated: its visitor id and its items in the order they were queued.</summary>
public sealed record HitBatch
{
    /// <summary>Wire format version; only 1 exists.</summary>
    public required int Version { get; init; }

    /// <summary>The snippet's mirror of the visitor id (cookie <c>_pvid</c>), null when absent, malformed or withheld.</summary>
    public string? VisitorId { get; init; }

    /// <summary>The snippet had no ads consent: set no cookie and link nothing to a visitor for this body.</summary>
    public bool Anonymous { get; init; }

    public required IReadOnlyList<HitItem> Items { get; init; }

    /// <summary>Items skipped because of an unknown type or a missing/unusable required field.</summary>
    public int DroppedItems { get; init; }
}
