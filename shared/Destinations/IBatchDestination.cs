namespace Pipeline.Destinations;

/// <summary>
/// A destination whose platform takes several events in one request. The sender's batcher gathers requests with the
/// same <see cref="BatchKey"/> (up to <see cref="MaxBatchSize"/>) and hands them over together; each event still gets
/// its own outcome, so one event of a batch can be retried or dead-lettered without resending the others.
/// </summary>
public interface IBatchDestination : IDestination
{
    /// <summary>The platform's limit of events per request.</summary>
    int MaxBatchSize { get; }

    /// <summary>
    /// Requests with equal keys may share one platform request (for example: test and live events never do; GA4
    /// batches per client id; Google Ads keeps conversions and adjustments apart).
    /// </summary>
    string BatchKey(DeliveryRequest request);

    /// <summary>
    /// Delivers the requests, all with the same <see cref="BatchKey"/>, in as few platform requests as the platform
    /// allows. Returns one outcome per request, in the same order. Expected platform answers become outcomes; only
    /// the unexpected throws (and then every request of the batch counts as failed).
    /// </summary>
    Task<IReadOnlyList<DeliveryOutcome>> DeliverBatchAsync(IReadOnlyList<DeliveryRequest> requests, CancellationToken cancellationToken);
}
