using Pipeline.Configuration;
using Pipeline.Destinations.Http;
using Pipeline.Destinations.Outbox;

namespace Pipeline.Destinations.Ga4;

/// <summary>Creates <see cref="Ga4Destination"/>s, refusing a configuration that could never send.</summary>
public sealed class Ga4DestinationFactory(PlatformHttpClient http, OutboxWriter outbox, TimeProvider time) : IDestinationFactory
{
    public string Type => Ga4Destination.TypeName;

    /// <exception cref="InvalidOperationException">A required setting is missing or malformed.</exception>
    public IDestination Create(DestinationOptions options)
    {
        var binder = new DestinationSettingsBinder(options);
        var settings = binder.Bind<Ga4Settings>();
        binder.RejectUnknown(typeof(Ga4Settings));
        binder.RequireUrl(settings.BaseUrl, nameof(Ga4Settings.BaseUrl));
        binder.Require(settings.MeasurementId, nameof(Ga4Settings.MeasurementId));
        if (binder.Mode != DestinationMode.Outbox) binder.Require(settings.ApiSecret, nameof(Ga4Settings.ApiSecret));
        if (settings.MaxEventAgeHours is < 1 or > Ga4Settings.MaxBackdateHours)
            binder.Problem($"Settings:MaxEventAgeHours must be 1 to {Ga4Settings.MaxBackdateHours} (GA4's limit)");
        binder.ThrowIfInvalid();
        return new Ga4Destination(options, settings, binder.Mode, binder.Http.Timeout, http, outbox, time);
    }
}
