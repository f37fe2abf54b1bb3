namespace Pipeline.Destinations;

/// <summary>
/// How old an event a platform still takes: a setting in whole <paramref name="Unit"/>s within the platform's
/// bounds. Retries stop before it (<see cref="IEventAgeLimit"/>).
/// </summary>
/// <param name="Setting">The setting's name (e.g. <c>MaxEventAgeDays</c>).</param>
/// <param name="Value">Its configured value.</param>
/// <param name="Unit">What one counts (a day, an hour).</param>
/// <param name="Max">The platform's own limit, or null when it names none.</param>
/// <param name="Why">Whose limit <paramref name="Max"/> is, for the error (e.g. <c>Meta's limit</c>).</param>
public sealed record EventAgeLimit(string Setting, int Value, TimeSpan Unit, int? Max = null, string? Why = null)
{
    public const int Min = 1;

    /// <summary>The value within the bounds (a settings object built in code is not checked at start-up).</summary>
    public int Bounded => Math.Clamp(Value, Min, Max ?? Math.Max(Min, Value));

    public TimeSpan MaxEventAge => Unit * Bounded;

    /// <summary>True when an event of <paramref name="eventTime"/> (Unix s) is older than the limit.</summary>
    public bool IsPassedBy(long eventTime, DateTimeOffset now) => DateTimeOffset.FromUnixTimeSeconds(eventTime) < now - MaxEventAge;

    /// <summary>What is wrong with the configured value, or null when it is within bounds.</summary>
    public string? Problem() =>
        Value < Min || Value > Max
            ? $"Settings:{Setting} must be " + (Max is null ? $"at least {Min}" : $"{Min} to {Max}") + (Why is null ? "" : $" ({Why})")
            : null;

    public static EventAgeLimit Days(string setting, int value, int? max = null, string? why = null) =>
        new(setting, value, TimeSpan.FromDays(1), max, why);

    public static EventAgeLimit Hours(string setting, int value, int? max = null, string? why = null) =>
        new(setting, value, TimeSpan.FromHours(1), max, why);
}
