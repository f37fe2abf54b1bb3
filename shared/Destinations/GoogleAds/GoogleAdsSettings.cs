namespace Pipeline.Destinations.GoogleAds;

/// <summary>One Google Ads account that offline click conversions are uploaded to.</summary>
public sealed class GoogleAdsSettings : IPlatformSettings
{
    public const string DefaultBaseUrl = "https://googleads.googleapis.com";
    public const string DefaultApiVersion = "v26";
    public const string DefaultTokenUrl = "https://oauth2.googleapis.com/token";

    /// <summary>Google's upper limit for the click-through conversion window.</summary>
    public const int MaxClickWindowDays = 90;

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>API version path segment; Google ships about four a year and sunsets each after about a year.</summary>
    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>The account the conversions belong to; dashes as shown in the UI are accepted.</summary>
    public string CustomerId { get; set; } = "";

    /// <summary>Manager account the credentials act through, if any; dashes accepted.</summary>
    public string? LoginCustomerId { get; set; }

    public string DeveloperToken { get; set; } = "";

    /// <summary>Conversion action id per standard event name (Purchase → "123456").</summary>
    public Dictionary<string, string> ConversionActions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Conversion action for events the map does not name; null leaves them unsent.</summary>
    public string? ConversionActionId { get; set; }

    /// <summary>OAuth client of the refresh-token flow.</summary>
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string? RefreshToken { get; set; }

    /// <summary>Service account key file content; used instead of the refresh-token flow when set.</summary>
    public string? ServiceAccountJson { get; set; }

    /// <summary>OAuth token endpoint; a setting so tests can point it at a local fake.</summary>
    public string TokenUrl { get; set; } = DefaultTokenUrl;

    /// <summary>Ask Google to validate every upload without recording it.</summary>
    public bool ValidateOnly { get; set; }

    /// <summary>The conversion actions' click-through window; older conversions are not sent.</summary>
    public int ClickWindowDays { get; set; } = MaxClickWindowDays;

    /// <summary>Google refuses conversions older than the click window of the conversion action.</summary>
    public EventAgeLimit AgeLimit() => EventAgeLimit.Days(nameof(ClickWindowDays), ClickWindowDays, max: MaxClickWindowDays);

    /// <summary><see cref="CustomerId"/> as the API wants it: digits only.</summary>
    public string CustomerIdDigits => DigitsOnly(CustomerId);

    /// <summary><see cref="LoginCustomerId"/> digits only, or null when not set.</summary>
    public string? LoginCustomerIdDigits =>
        string.IsNullOrWhiteSpace(LoginCustomerId) ? null : DigitsOnly(LoginCustomerId);

    /// <summary>The conversion action id for a standard or mapped event name, or null when none applies.</summary>
    public string? ConversionActionFor(string eventName) =>
        ConversionActions.TryGetValue(eventName, out var id) && !string.IsNullOrWhiteSpace(id) ? id : ConversionActionId;

    private static string DigitsOnly(string value) => new(value.Where(char.IsAsciiDigit).ToArray());
}
