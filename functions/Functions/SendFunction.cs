using Microsoft.Azure.Functions.Worker;
using Pipeline.Send;

namespace Pipeline.Functions.Functions;

/// <summary>deliveries queue → <see cref="Sender"/>.</summary>
public sealed class SendFunction(Sender sender)
{
    [Function("Send")]
    public Task Run([QueueTrigger("%Pipeline:DeliveriesQueue%")] string message, CancellationToken ct) =>
        sender.HandleAsync(message, ct);
}
