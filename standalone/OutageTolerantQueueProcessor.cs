using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Azure.WebJobs.Host.Queues;
using Pipeline.Storage;

namespace Pipeline.Standalone;

/// <summary>
/// The queue trigger's own message handling (delete on success, release with <c>visibilityTimeout</c> on failure,
/// poison after <c>maxDequeueCount</c>), except that a completion storage could not take is tried again until it can.
/// Without this, a message whose function ended while storage was away stays hidden for the rest of the trigger's
/// 10-minute lease (delete and release both failed), so its delivery waits up to 10 minutes after storage is back.
/// Retries stop when the message's lease would end anyway (it reappears on its own then) or the application stops;
/// stopping the listeners for a restart does not stop them.
/// </summary>
public sealed class OutageTolerantQueueProcessor(QueueProcessorOptions options, CancellationToken applicationStopping) : QueueProcessor(options)
{
    /// <summary>Longest pause between two attempts while storage is away.</summary>
    public static readonly TimeSpan MaxRetryPause = TimeSpan.FromSeconds(2);

    protected override Task DeleteMessageAsync(QueueMessage message, CancellationToken cancellationToken) =>
        UntilStorageAnswersAsync(message, () => base.DeleteMessageAsync(message, applicationStopping));

    protected override Task ReleaseMessageAsync(QueueMessage message, FunctionResult result, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        UntilStorageAnswersAsync(message, () => base.ReleaseMessageAsync(message, result, visibilityTimeout, applicationStopping));

    protected override Task CopyMessageToPoisonQueueAsync(QueueMessage message, QueueClient poisonQueue, CancellationToken cancellationToken) =>
        // A retry after a half-done copy may leave two poison copies; dead-lettering is idempotent.
        UntilStorageAnswersAsync(message, () => base.CopyMessageToPoisonQueueAsync(message, poisonQueue, applicationStopping));

    private async Task UntilStorageAnswersAsync(QueueMessage message, Func<Task> complete)
    {
        var pause = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await complete();
                return;
            }
            catch (Exception e) when (IsUnreachable(e) && !applicationStopping.IsCancellationRequested
                && DateTimeOffset.UtcNow + pause < (message.NextVisibleOn ?? DateTimeOffset.MinValue))
            {
                await Task.Delay(pause, applicationStopping).ContinueWith(_ => { }, TaskScheduler.Default);
                pause = pause * 2 > MaxRetryPause ? MaxRetryPause : pause * 2;
            }
        }
    }

    /// <summary>Storage did not answer (or answered 5xx); a 4xx (message gone, receipt changed) is final.</summary>
    private static bool IsUnreachable(Exception e) => StorageFailure.IsStorageOutage(e)
        && e is not Azure.RequestFailedException { Status: >= 400 and < 500 }
        && !(e is AggregateException a && a.InnerExceptions.Any(i => i is Azure.RequestFailedException { Status: >= 400 and < 500 }));

    /// <summary>Creates the processor for every queue trigger of a listener host.</summary>
    public sealed class Factory(CancellationToken applicationStopping) : IQueueProcessorFactory
    {
        public QueueProcessor Create(QueueProcessorOptions queueProcessorOptions) => new OutageTolerantQueueProcessor(queueProcessorOptions, applicationStopping);
    }
}
