using Pipeline.Configuration;

namespace Pipeline.Destinations;

/// <summary>Creates destinations of one type from their configuration.</summary>
public interface IDestinationFactory
{
    string Type { get; }
    IDestination Create(DestinationOptions options);
}
