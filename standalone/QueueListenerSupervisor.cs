using System.Runtime.ExceptionServices;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Queues;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Pipeline.Standalone;

/// <summary>
/// Runs the WebJobs queue listeners (the Functions host's own queue extension: same polling, retries and poison
/// rules) in a host of their own, and starts a fresh one when they fail. The WebJobs SDK ends the process when a
/// listener throws (storage unreachable for longer than the client's retries); the Functions host restarts itself
/// then, and so does this: the HTTP side keeps answering (503 from the ingest paths) while storage is away.
/// </summary>
public sealed class QueueListenerSupervisor(
    IServiceProvider services,
    IConfiguration configuration,
    ILoggerFactory loggerFactory,
    ILogger<QueueListenerSupervisor> logger) : BackgroundService
{
    /// <summary>Waits between restarts, doubling from the first to the last while storage stays away.</summary>
    public static readonly TimeSpan FirstRestartDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest wait between two restarts: once storage is back, the listeners poll again within this (plus the
    /// start itself). Part of the documented bound on delivery after a storage outage (RELIABILITY.md).
    /// </summary>
    public static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRestartDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            var failure = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var host = BuildListenerHost(failure, stoppingToken);
            try
            {
                await host.StartAsync(stoppingToken);
                delay = FirstRestartDelay;
                var failed = await failure.Task.WaitAsync(stoppingToken);
                logger.LogError("Queue listeners failed ({Error}); restarting them in {Delay}", Describe(failed), delay);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // The application is stopping.
            }
            catch (Exception e)
            {
                logger.LogError("Queue listeners could not start ({Error}); trying again in {Delay}", Describe(e), delay);
            }

            await StopQuietlyAsync(host);
            if (stoppingToken.IsCancellationRequested) break;
            await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            delay = delay * 2 > MaxRestartDelay ? MaxRestartDelay : delay * 2;
        }
    }

    private IHost BuildListenerHost(TaskCompletionSource<Exception> failure, CancellationToken applicationStopping) =>
        new HostBuilder()
            .ConfigureAppConfiguration(c => c.AddConfiguration(configuration))
            .ConfigureWebJobs(webJobs => webJobs.AddAzureStorageQueues(queues => QueueSettings.Apply(queues, configuration)))
            .ConfigureServices(s =>
            {
                s.AddSingleton(loggerFactory);
                s.AddSingleton<ITypeLocator, FunctionTypes>();
                // Function classes come from the application's container: one set of pipeline services.
                s.Replace(ServiceDescriptor.Singleton<IJobActivator>(new ServiceProviderActivator(services)));
                s.Replace(ServiceDescriptor.Singleton<IWebJobsExceptionHandler>(new ListenerFailureHandler(failure)));
                // A message finished while storage was away is completed once it is back, not left hidden for 10 minutes.
                s.Replace(ServiceDescriptor.Singleton<IQueueProcessorFactory>(new OutageTolerantQueueProcessor.Factory(applicationStopping)));
            })
            .Build();

    private async Task StopQuietlyAsync(IHost host)
    {
        try
        {
            using var timeout = new CancellationTokenSource(StopTimeout);
            await host.StopAsync(timeout.Token);
        }
        catch (Exception e)
        {
            // A listener host that cannot stop cleanly is dropped all the same; its messages reappear after the lease.
            logger.LogWarning("Queue listeners did not stop cleanly: {Error}", Describe(e));
        }
    }

    private static string Describe(Exception e) => e is AggregateException { InnerException: { } inner } ? $"{e.GetType().Name}: {inner.Message}" : $"{e.GetType().Name}: {e.Message}";

    /// <summary>Turns the SDK's "crash the process" into a signal to the supervisor.</summary>
    private sealed class ListenerFailureHandler(TaskCompletionSource<Exception> failure) : IWebJobsExceptionHandler
    {
        public void Initialize(JobHost host) { }

        public Task OnTimeoutExceptionAsync(ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod)
        {
            failure.TrySetResult(exceptionInfo.SourceException);
            return Task.CompletedTask;
        }

        public Task OnUnhandledExceptionAsync(ExceptionDispatchInfo exceptionInfo)
        {
            failure.TrySetResult(exceptionInfo.SourceException);
            return Task.CompletedTask;
        }
    }
}
