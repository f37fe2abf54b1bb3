namespace Pipeline.Sources;

/// <summary>What a webhook delivery amounts to: one of <see cref="WebhookAccepted"/>, <see cref="WebhookIgnored"/>, <see cref="WebhookRejected"/>.</summary>
public abstract record WebhookVerdict
{
    /// <summary>The HTTP status the caller answers with once it has done its part (recorded, enqueued).</summary>
    public abstract int StatusCode { get; }
}
