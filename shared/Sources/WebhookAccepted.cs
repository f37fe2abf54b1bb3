namespace Pipeline.Sources;

/// <summary>
/// An authentic delivery that carries conversions. The caller records <see cref="DeliveryIds"/>, skips every
/// conversion whose idempotency key it has seen, enqueues the rest and answers 200.
/// </summary>
public sealed record WebhookAccepted(IReadOnlyList<AcceptedConversion> Conversions, IReadOnlyList<string> DeliveryIds)
    : WebhookVerdict
{
    public override int StatusCode => 200;
}
