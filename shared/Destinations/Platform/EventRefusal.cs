namespace Pipeline.Destinations.Platform;

/// <summary>How a platform's checks of one event become its outcome before any request is built.</summary>
public static class EventRefusal
{
    /// <summary>
    /// Skipped when the event is deliberately not sent (<paramref name="skipReason"/>); Permanent naming every
    /// problem when the platform would reject it; null when it can be sent. Problems are only looked for when
    /// the event is not skipped, and never contain PII.
    /// </summary>
    public static DeliveryOutcome? Of(string platform, string? skipReason, Func<IReadOnlyList<string>> problems)
    {
        if (skipReason is not null) return DeliveryOutcome.Skipped(skipReason);
        var found = problems();
        return found.Count == 0 ? null : DeliveryOutcome.Permanent($"not sendable to {platform}: " + string.Join("; ", found));
    }
}
