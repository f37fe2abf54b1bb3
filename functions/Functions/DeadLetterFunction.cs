using Microsoft.Azure.Functions.Worker;
using Pipeline.DeadLetter;

namespace Pipeline.Functions.Functions;

/// <summary>Poison queues → <see cref="DeadLetterHandler"/> (which never throws: a poison queue has no poison queue).</summary>
public sealed class DeadLetterFunction(DeadLetterHandler handler)
{
    [Function("DeadLetterDeliveries")]
    public Task Deliveries([QueueTrigger("%Pipeline:DeliveriesQueue%-poison")] string message, CancellationToken ct) =>
        handler.HandleDeliveryAsync(message, ct);

    [Function("DeadLetterEvents")]
    public Task Events([QueueTrigger("%Pipeline:EventsQueue%-poison")] string message, CancellationToken ct) =>
        handler.HandleEventAsync(message, ct);
}
