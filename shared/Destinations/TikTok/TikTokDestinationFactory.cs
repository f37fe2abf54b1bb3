using Pipeline.Configuration;
using Pipeline.Destinations.Http;
using Pipeline.Destinations.Outbox;

namespace Pipeline.Destinations.TikTok;

/// <summary>Creates <see cref="TikTokDestination"/>s, refusing a configuration that could never send.</summary>
public sealed class TikTokDestinationFactory(PlatformHttpClient http, OutboxWriter outbox, TimeProvider time) : IDestinationFactory
{
    public string Type => TikTokDestination.TypeName;

    /// <exception cref="InvalidOperationException">A required setting is missing or malformed.</exception>
    public IDestination Create(DestinationOptions options)
    {
        var binder = new DestinationSettingsBinder(options);
        var settings = binder.Bind<TikTokSettings>();
        binder.RejectUnknown(typeof(TikTokSettings));
        binder.RequireUrl(settings.BaseUrl, nameof(TikTokSettings.BaseUrl));
        binder.Require(settings.ApiVersion, nameof(TikTokSettings.ApiVersion));
        if (string.IsNullOrWhiteSpace(settings.PixelCode) && string.IsNullOrWhiteSpace(settings.OfflineEventSetId)
            && string.IsNullOrWhiteSpace(settings.AppId))
        {
            binder.Problem("missing Settings:PixelCode (or OfflineEventSetId / AppId): no event source to send to");
        }
        if (binder.Mode != DestinationMode.Outbox) binder.Require(settings.AccessToken, nameof(TikTokSettings.AccessToken));
        if (binder.Mode == DestinationMode.Test) binder.Require(settings.TestEventCode, nameof(TikTokSettings.TestEventCode), "Mode is test");
        if (settings.MaxEventAgeDays < 1) binder.Problem("Settings:MaxEventAgeDays must be at least 1");
        binder.ThrowIfInvalid();
        return new TikTokDestination(options, settings, binder.Mode, binder.Http.Timeout, http, outbox, time);
    }
}
