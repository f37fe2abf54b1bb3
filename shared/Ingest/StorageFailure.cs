namespace Pipeline.Ingest;

/// <summary>Tells a storage outage (answer 503 so the sender retries) from a bug.</summary>
public static class StorageFailure
{
    /// <summary>True for the errors an unreachable, throttled or misconfigured storage account produces.</summary>
    public static bool IsStorageOutage(Exception e) =>
        e is Azure.RequestFailedException or HttpRequestException or IOException or TimeoutException
            or Azure.Identity.AuthenticationFailedException
        || e is TaskCanceledException { InnerException: TimeoutException };
}
