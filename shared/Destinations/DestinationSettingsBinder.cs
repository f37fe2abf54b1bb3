using System.Reflection;
using Microsoft.Extensions.Configuration;
using Pipeline.Configuration;

namespace Pipeline.Destinations;

/// <summary>
/// Binds a destination's <see cref="DestinationOptions.Settings"/> (flat <c>Settings__Key</c> app settings) onto a
/// platform's settings class, and reports every problem with the names an operator has to fix.
/// </summary>
public sealed class DestinationSettingsBinder
{
    private readonly DestinationOptions _options;
    private readonly IConfiguration _configuration;
    private readonly List<string> _problems = [];

    /// <param name="options">The destination as configured.</param>
    /// <param name="mapSettings">
    /// Settings that are maps, given flat as <c>Key1=Value1,Key2=Value2</c> (one app setting, easy to keep in Key Vault).
    /// </param>
    public DestinationSettingsBinder(DestinationOptions options, params string[] mapSettings)
    {
        _options = options;
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in options.Settings)
        {
            if (mapSettings.Contains(key, StringComparer.OrdinalIgnoreCase)) AddPairs(values, key, value);
            else values[key] = value;
        }
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        Mode = DestinationModes.Parse(options.Mode) ?? DestinationMode.Live;
        if (DestinationModes.Parse(options.Mode) is null) Problem($"Mode '{options.Mode}' is not one of live, test, outbox");
        Http = Bind<DestinationHttpSettings>();
        if (Http.Timeout <= TimeSpan.Zero) Problem("Settings:Timeout must be positive (e.g. 00:00:15)");
    }

    public DestinationMode Mode { get; }

    public DestinationHttpSettings Http { get; }

    /// <summary>Binds the settings onto <typeparamref name="T"/>; a value of the wrong type is recorded as a problem.</summary>
    public T Bind<T>() where T : class, new()
    {
        try
        {
            return _configuration.Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            Problem(e.Message);
            return new T();
        }
    }

    /// <summary>Records a missing value under its setting name.</summary>
    public void Require(string? value, string setting, string? why = null)
    {
        if (string.IsNullOrWhiteSpace(value)) Problem($"missing Settings:{setting}" + (why is null ? "" : $" ({why})"));
    }

    /// <summary>Records a URL setting that is not an absolute http(s) URL.</summary>
    public void RequireUrl(string? value, string setting)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            Problem($"Settings:{setting} '{value}' is not an absolute http(s) URL");
    }

    public void Problem(string problem) => _problems.Add(problem);

    /// <summary>Settings no property of the given types takes: almost always a typo that would silently do nothing.</summary>
    public void RejectUnknown(params Type[] settingsTypes)
    {
        var known = settingsTypes.Append(typeof(DestinationHttpSettings))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.CanWrite)
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var key in _options.Settings.Keys.Where(k => !known.Contains(RootKey(k))))
            Problem($"unknown setting Settings:{key}");
    }

    /// <summary>Throws one error naming the destination and every problem found; does nothing when there is none.</summary>
    /// <exception cref="InvalidOperationException">The destination is misconfigured.</exception>
    public void ThrowIfInvalid()
    {
        if (_problems.Count == 0) return;
        throw new InvalidOperationException(
            $"Destination '{_options.Id}' (type {_options.Type}) is misconfigured: {string.Join("; ", _problems)}. "
            + "Settings are app settings Pipeline__Destinations__<index>__Settings__<Name>.");
    }

    private static string RootKey(string key) => key.Split(':')[0];

    private void AddPairs(Dictionary<string, string?> values, string key, string value)
    {
        foreach (var pair in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0 || eq == pair.Length - 1)
            {
                Problem($"Settings:{key} entry '{pair}' is not Name=Value");
                continue;
            }
            values[$"{key}:{pair[..eq].Trim()}"] = pair[(eq + 1)..].Trim();
        }
    }
}
