namespace Pipeline.Ingest;

/// <summary>What an intake did: event ids put on the queue now, and those an earlier request already put there.</summary>
/// <param name="InFlight">Event ids another request is enqueueing at this moment: the caller must answer "retry later".</param>
/// <param name="RetryAfter">With <see cref="InFlight"/>: when the other requests' claims end at the latest.</param>
/// <param name="Error">Set when nothing was claimed because an item cannot be queued; <see cref="ErrorIndex"/> names it.</param>
public sealed record IntakeResult(
    IReadOnlyList<string> Enqueued,
    IReadOnlyList<string> Duplicates,
    string? Error = null,
    int ErrorIndex = -1,
    IReadOnlyList<string>? InFlight = null,
    TimeSpan RetryAfter = default)
{
    public static IntakeResult Rejected(int index, string error) => new([], [], error, index);

    /// <summary>True when some event is being enqueued by another request: nothing may be acknowledged yet.</summary>
    public bool MustRetryLater => InFlight is { Count: > 0 };

    /// <summary>Retry-After in whole seconds (at least 1).</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}
