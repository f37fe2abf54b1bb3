using Pipeline.Configuration;
using Pipeline.Destinations.Http;
using Pipeline.Destinations.Outbox;

namespace Pipeline.Destinations.Platform;

/// <summary>
/// Creates the destinations of one platform, refusing a configuration that could never send: every problem of the
/// shared rules (base URL, credentials unless outbox, test mode's needs, age limit bounds) and of the platform's own
/// is named in one error.
/// </summary>
public sealed class PlatformDestinationFactory<TSettings>(
    AdPlatform<TSettings> platform, PlatformHttpClient http, OutboxWriter outbox, TimeProvider time) : IDestinationFactory
    where TSettings : class, IPlatformSettings, new()
{
    public string Type => platform.Type;

    /// <exception cref="InvalidOperationException">A required setting is missing or malformed.</exception>
    public IDestination Create(DestinationOptions options)
    {
        var binder = new DestinationSettingsBinder(options, platform.MapSettings);
        var settings = binder.Bind<TSettings>();
        binder.RejectUnknown(typeof(TSettings));
        binder.RequireUrl(settings.BaseUrl, nameof(IPlatformSettings.BaseUrl));
        foreach (var (value, setting) in platform.Required(settings)) binder.Require(value, setting);
        platform.Check(settings, binder);
        if (binder.Mode != DestinationMode.Outbox)
            foreach (var (value, setting) in platform.Credentials(settings)) binder.Require(value, setting);
        if (binder.Mode == DestinationMode.Test)
            foreach (var (value, setting) in platform.TestModeNeeds(settings)) binder.Require(value, setting, "Mode is test");
        if (settings.AgeLimit().Problem() is { } age) binder.Problem(age);
        var session = binder.Mode == DestinationMode.Outbox ? null : platform.Connect(settings, binder);
        binder.ThrowIfInvalid();
        return new PlatformDestination<TSettings>(options.Id, platform,
            new PlatformAccount<TSettings>(settings, session, http, binder.Http.Timeout, time), binder.Mode, outbox);
    }
}
