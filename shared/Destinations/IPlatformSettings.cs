namespace Pipeline.Destinations;

/// <summary>What the shell reads from every platform's settings class.</summary>
public interface IPlatformSettings
{
    /// <summary>The platform's API host; an absolute http(s) URL (tests point it at a local fake).</summary>
    string BaseUrl { get; }

    /// <summary>How old an event the platform still takes, from the settings that say so.</summary>
    EventAgeLimit AgeLimit();
}
