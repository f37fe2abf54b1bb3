using Microsoft.Azure.WebJobs;
using Pipeline.Send;

namespace Pipeline.Standalone.Functions;

/// <summary>deliveries queue → <see cref="Sender"/>.</summary>
public sealed class SendFunction(Sender sender)
{
    public Task Run([QueueTrigger("%Pipeline:DeliveriesQueue%")] string message, CancellationToken ct) =>
        sender.HandleAsync(message, ct);
}
