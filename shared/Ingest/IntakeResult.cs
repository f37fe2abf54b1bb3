namespace Pipeline.Ingest;

/// <summary>What an intake did: event ids put on the queue now, and those an earlier request already put there.</summary>
/// <param name="Error">Set when nothing was claimed because an item cannot be queued; <see cref="ErrorIndex"/> names it.</param>
public sealed record IntakeResult(
    IReadOnlyList<string> Enqueued,
    IReadOnlyList<string> Duplicates,
    string? Error = null,
    int ErrorIndex = -1)
{
    public static IntakeResult Rejected(int index, string error) => new([], [], error, index);
}
