using Pipeline.Identity;

namespace Pipeline.Collect;

/// <summary>
/// Plaintext identifiers the page gave to <c>pq.identify</c> (wire type <c>id</c>). Lives only inside the collect call:
/// hash it with <see cref="UserDataHasher"/> and drop it; never store, queue or log it.
/// </summary>
public sealed record IdentifyHit : HitItem
{
    public required RawUserData User { get; init; }

    public override string ToString() => "IdentifyHit { redacted }";
}
