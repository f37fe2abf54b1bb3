using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Configuration;

namespace Pipeline.Standalone;

/// <summary>Applies host.json's <c>extensions.queues</c> to the WebJobs queue listener, as the Functions host does.</summary>
public static class QueueSettings
{
    public static void Apply(QueuesOptions target, IConfiguration configuration)
    {
        var s = configuration.GetSection($"{StandaloneConfiguration.HostSection}:extensions:queues");
        if (int.TryParse(s["batchSize"], out var batch)) target.BatchSize = batch;
        if (int.TryParse(s["newBatchThreshold"], out var threshold)) target.NewBatchThreshold = threshold;
        if (int.TryParse(s["maxDequeueCount"], out var dequeue)) target.MaxDequeueCount = dequeue;
        if (TimeSpan.TryParse(s["maxPollingInterval"], out var polling)) target.MaxPollingInterval = polling;
        if (TimeSpan.TryParse(s["visibilityTimeout"], out var visibility)) target.VisibilityTimeout = visibility;
        if (Enum.TryParse<Azure.Storage.Queues.QueueMessageEncoding>(s["messageEncoding"], ignoreCase: true, out var encoding))
            target.MessageEncoding = encoding;
    }
}
