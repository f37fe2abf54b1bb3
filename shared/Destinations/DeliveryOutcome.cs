namespace Pipeline.Destinations;

/// <summary>How a platform answered, classified for the ledger and the retry policy.</summary>
public sealed record DeliveryOutcome
{
    public required DeliveryOutcomeKind Kind { get; init; }

    /// <summary>Platform message and trace id, or why it was skipped. Never PII.</summary>
    public string? Detail { get; init; }

    /// <summary>For <see cref="DeliveryOutcomeKind.Retry"/>: the delay the platform asked for, if any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The request as sent, secrets redacted, for the ledger and the outbox.</summary>
    public OutgoingRequest? Request { get; init; }

    public static DeliveryOutcome Delivered(string? detail = null, OutgoingRequest? request = null) =>
        new() { Kind = DeliveryOutcomeKind.Delivered, Detail = detail, Request = request };

    public static DeliveryOutcome Retry(string detail, TimeSpan? retryAfter = null, OutgoingRequest? request = null) =>
        new() { Kind = DeliveryOutcomeKind.Retry, Detail = detail, RetryAfter = retryAfter, Request = request };

    public static DeliveryOutcome Permanent(string detail, OutgoingRequest? request = null) =>
        new() { Kind = DeliveryOutcomeKind.Permanent, Detail = detail, Request = request };

    /// <summary>Credentials rejected: the destination pauses rather than burn every queued message.</summary>
    public static DeliveryOutcome AuthFailure(string detail, OutgoingRequest? request = null) =>
        new() { Kind = DeliveryOutcomeKind.AuthFailure, Detail = detail, Request = request };

    public static DeliveryOutcome Skipped(string detail) =>
        new() { Kind = DeliveryOutcomeKind.Skipped, Detail = detail };
}

public enum DeliveryOutcomeKind
{
    /// <summary>Accepted by the platform (or already there: a duplicate it deduplicated).</summary>
    Delivered,
    /// <summary>Transient: try again later.</summary>
    Retry,
    /// <summary>Will never succeed as it is: dead-letter with the reason.</summary>
    Permanent,
    /// <summary>Token or permission rejected: pause the destination.</summary>
    AuthFailure,
    /// <summary>Deliberately not sent (nothing to send, benign no-op).</summary>
    Skipped,
}
