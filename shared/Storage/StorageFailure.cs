namespace Pipeline.Storage;

/// <summary>Tells a storage outage (answer 503 so the sender retries) from a bug.</summary>
public static class StorageFailure
{
    /// <summary>
    /// True for the errors an unreachable, throttled or misconfigured storage account produces, including the
    /// SDK's "retry failed after N tries", which wraps them in an <see cref="AggregateException"/>.
    /// </summary>
    public static bool IsStorageOutage(Exception e) => e switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsStorageOutage),
        Azure.RequestFailedException or HttpRequestException or IOException or TimeoutException
            or Azure.Identity.AuthenticationFailedException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };
}
