namespace Pipeline.Destinations;

/// <summary>A destination that refuses events older than a limit (Meta 7 days, GA4 72 h): retries stop before it.</summary>
public interface IEventAgeLimit
{
    TimeSpan MaxEventAge { get; }
}
