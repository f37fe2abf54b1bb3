namespace Pipeline.Destinations;

/// <summary>Settings every platform destination reads besides its own (<c>Settings__Timeout</c>).</summary>
public sealed class DestinationHttpSettings
{
    /// <summary>How long one attempt waits for the platform's answer; no answer in time is a retry.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
