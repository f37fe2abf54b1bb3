using Pipeline.Configuration;

namespace Pipeline.Storage;

/// <summary>The pipeline's queues and their poison queues (the trigger moves a message there after maxDequeueCount).</summary>
public sealed class QueueNames(PipelineOptions options)
{
    public string Events => options.EventsQueue;
    public string Deliveries => options.DeliveriesQueue;
    public static string PoisonOf(string queue) => queue + "-poison";

    public IEnumerable<string> All => [Events, PoisonOf(Events), Deliveries, PoisonOf(Deliveries)];
}
