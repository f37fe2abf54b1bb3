using Pipeline.Configuration;

namespace Pipeline.UnitTests.Destinations;

/// <summary>A destination as configured: <c>{type}-main</c> in a mode with flat settings.</summary>
internal static class DestinationOptionsBuilder
{
    public static DestinationOptions Options(string type, string mode, params (string Key, string Value)[] settings) => new()
    {
        Id = type + "-main",
        Type = type,
        Mode = mode,
        Settings = settings.ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase),
    };
}
