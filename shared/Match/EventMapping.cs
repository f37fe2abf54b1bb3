using Pipeline.Configuration;

namespace Pipeline.Match;

/// <summary>Reads a destination's <see cref="DestinationOptions.Events"/> map: which standard events it takes, under which name.</summary>
public static class EventMapping
{
    /// <summary>The platform event name for <paramref name="standardName"/>, or null when the destination does not take it.</summary>
    /// <returns>Null name with <c>true</c>: taken under the platform's default name.</returns>
    public static bool TryMap(DestinationOptions destination, string standardName, out string? platformName)
    {
        platformName = null;
        if (string.IsNullOrWhiteSpace(destination.Events)) return true;
        foreach (var pair in destination.Events.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=');
            var from = eq < 0 ? pair : pair[..eq].Trim();
            if (!string.Equals(from, standardName, StringComparison.OrdinalIgnoreCase)) continue;
            platformName = eq < 0 ? null : pair[(eq + 1)..].Trim();
            return true;
        }
        return false;
    }
}
