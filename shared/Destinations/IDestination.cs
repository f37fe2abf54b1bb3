namespace Pipeline.Destinations;

/// <summary>One place events are delivered to: an ad platform account, a webhook, the outbox.</summary>
public interface IDestination
{
    /// <summary>Unique id from configuration (e.g. <c>meta-main</c>); the ledger's row key.</summary>
    string Id { get; }

    /// <summary>Kind of destination (<c>outbox</c>, <c>meta</c>, <c>tiktok</c>, <c>google_ads</c>, <c>ga4</c>).</summary>
    string Type { get; }

    /// <summary>Delivers one event. Expected platform answers become outcomes; only the unexpected throws.</summary>
    Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken);
}
