using Pipeline.Configuration;
using Pipeline.Destinations.Http;
using Pipeline.Destinations.Outbox;

namespace Pipeline.Destinations.GoogleAds;

/// <summary>
/// Creates <see cref="GoogleAdsDestination"/>s, each with its own cached OAuth token, refusing a configuration that
/// could never upload.
/// </summary>
public sealed class GoogleAdsDestinationFactory(PlatformHttpClient http, OutboxWriter outbox, TimeProvider time) : IDestinationFactory
{
    public string Type => GoogleAdsDestination.TypeName;

    /// <exception cref="InvalidOperationException">A required setting is missing or malformed.</exception>
    public IDestination Create(DestinationOptions options)
    {
        var binder = new DestinationSettingsBinder(options, nameof(GoogleAdsSettings.ConversionActions));
        var settings = binder.Bind<GoogleAdsSettings>();
        binder.RejectUnknown(typeof(GoogleAdsSettings));
        binder.RequireUrl(settings.BaseUrl, nameof(GoogleAdsSettings.BaseUrl));
        binder.Require(settings.ApiVersion, nameof(GoogleAdsSettings.ApiVersion));
        if (settings.CustomerIdDigits.Length != 10) binder.Problem("Settings:CustomerId must be a 10-digit Google Ads customer id");
        if (settings.LoginCustomerIdDigits is { Length: not 10 }) binder.Problem("Settings:LoginCustomerId must be a 10-digit customer id");
        if (settings.ConversionActions.Count == 0 && string.IsNullOrWhiteSpace(settings.ConversionActionId))
            binder.Problem("missing Settings:ConversionActionId or Settings:ConversionActions (e.g. Purchase=123456789)");
        if (settings.ClickWindowDays is < 1 or > GoogleAdsSettings.MaxClickWindowDays)
            binder.Problem($"Settings:ClickWindowDays must be 1 to {GoogleAdsSettings.MaxClickWindowDays}");

        GoogleAdsTokenSource? tokens = null;
        if (binder.Mode != DestinationMode.Outbox)
        {
            binder.Require(settings.DeveloperToken, nameof(GoogleAdsSettings.DeveloperToken));
            binder.RequireUrl(settings.TokenUrl, nameof(GoogleAdsSettings.TokenUrl));
            try
            {
                tokens = new GoogleAdsTokenSource(settings);
            }
            catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or ArgumentException or FormatException)
            {
                // Never the key itself: only what is wrong with it.
                binder.Problem($"OAuth credentials: {e.GetType().Name}: {e.Message}");
            }
        }
        binder.ThrowIfInvalid();
        return new GoogleAdsDestination(options, settings, tokens, binder.Mode, binder.Http.Timeout, http, outbox, time);
    }
}
