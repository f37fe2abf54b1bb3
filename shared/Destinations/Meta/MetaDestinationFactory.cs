using Pipeline.Configuration;
using Pipeline.Destinations.Http;
using Pipeline.Destinations.Outbox;

namespace Pipeline.Destinations.Meta;

/// <summary>Creates <see cref="MetaDestination"/>s, refusing a configuration that could never send.</summary>
public sealed class MetaDestinationFactory(PlatformHttpClient http, OutboxWriter outbox, TimeProvider time) : IDestinationFactory
{
    public string Type => MetaDestination.TypeName;

    /// <exception cref="InvalidOperationException">A required setting is missing or malformed.</exception>
    public IDestination Create(DestinationOptions options)
    {
        var binder = new DestinationSettingsBinder(options);
        var settings = binder.Bind<MetaSettings>();
        binder.RejectUnknown(typeof(MetaSettings));
        binder.RequireUrl(settings.BaseUrl, nameof(MetaSettings.BaseUrl));
        binder.Require(settings.ApiVersion, nameof(MetaSettings.ApiVersion));
        binder.Require(settings.PixelId, nameof(MetaSettings.PixelId));
        if (binder.Mode != DestinationMode.Outbox) binder.Require(settings.AccessToken, nameof(MetaSettings.AccessToken));
        if (binder.Mode == DestinationMode.Test) binder.Require(settings.TestEventCode, nameof(MetaSettings.TestEventCode), "Mode is test");
        if (settings.MaxEventAgeDays is < 1 or > 7) binder.Problem("Settings:MaxEventAgeDays must be 1 to 7 (Meta's limit)");
        binder.ThrowIfInvalid();
        return new MetaDestination(options, settings, binder.Mode, binder.Http.Timeout, http, outbox, time);
    }
}
