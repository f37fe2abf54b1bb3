using Microsoft.Azure.WebJobs;
using Pipeline.DeadLetter;

namespace Pipeline.Standalone.Functions;

/// <summary>Poison queues → <see cref="DeadLetterHandler"/>.</summary>
public sealed class DeadLetterFunction(DeadLetterHandler handler)
{
    public Task Deliveries([QueueTrigger("%Pipeline:DeliveriesQueue%-poison")] string message, CancellationToken ct) =>
        handler.HandleDeliveryAsync(message, ct);

    public Task Events([QueueTrigger("%Pipeline:EventsQueue%-poison")] string message, CancellationToken ct) =>
        handler.HandleEventAsync(message, ct);
}
