using Pipeline.Events;

namespace Pipeline.Collect;

/// <summary>The consent state the snippet read or was told (wire type <c>cs</c>), sent whenever it changes.</summary>
public sealed record ConsentHit : HitItem
{
    public required ConsentState Consent { get; init; }
}
