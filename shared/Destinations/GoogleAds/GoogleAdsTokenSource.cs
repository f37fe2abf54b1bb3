using System.Text.Json;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Responses;

namespace Pipeline.Destinations.GoogleAds;

/// <summary>Gets and caches the OAuth access token for the Google Ads API, from a refresh token or a service account.</summary>
public sealed class GoogleAdsTokenSource
{
    public const string AdWordsScope = "https://www.googleapis.com/auth/adwords";

    private readonly UserCredential? _user;
    private readonly ServiceAccountCredential? _serviceAccount;
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    public GoogleAdsTokenSource(GoogleAdsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var tokenUrl = string.IsNullOrWhiteSpace(settings.TokenUrl) ? GoogleAdsSettings.DefaultTokenUrl : settings.TokenUrl;

        if (!string.IsNullOrWhiteSpace(settings.ServiceAccountJson))
        {
            _serviceAccount = ServiceAccount(settings.ServiceAccountJson, tokenUrl);
        }
        else if (!string.IsNullOrWhiteSpace(settings.ClientId) && !string.IsNullOrWhiteSpace(settings.ClientSecret)
                 && !string.IsNullOrWhiteSpace(settings.RefreshToken))
        {
            _user = RefreshTokenUser(settings.ClientId, settings.ClientSecret, settings.RefreshToken, tokenUrl);
        }
        else
        {
            throw new InvalidOperationException(
                "Google Ads needs either ServiceAccountJson or ClientId, ClientSecret and RefreshToken.");
        }
    }

    /// <summary>
    /// A valid access token: the cached one until it nears expiry. <paramref name="forceRefresh"/> fetches a new
    /// one regardless, for the single retry after Google answered 401.
    /// </summary>
    public async Task<string> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (!forceRefresh)
        {
            ITokenAccess access = (ITokenAccess?)_user ?? _serviceAccount!;
            return await access.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_user is not null)
            {
                await _user.RefreshTokenAsync(cancellationToken).ConfigureAwait(false);
                return _user.Token.AccessToken;
            }
            await _serviceAccount!.RequestAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            return _serviceAccount.Token.AccessToken;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private static UserCredential RefreshTokenUser(string clientId, string clientSecret, string refreshToken, string tokenUrl)
    {
        // The plain flow, because only its initializer lets the token endpoint be set; a refresh-token grant is
        // standard OAuth, nothing Google-specific is lost.
        var flow = new AuthorizationCodeFlow(
            new AuthorizationCodeFlow.Initializer(GoogleAuthConsts.OidcAuthorizationUrl, tokenUrl)
            {
                ClientSecrets = new ClientSecrets { ClientId = clientId, ClientSecret = clientSecret },
                Scopes = [AdWordsScope],
            });
        return new UserCredential(flow, "google-ads", new TokenResponse { RefreshToken = refreshToken });
    }

    /// <summary>
    /// Built from the key's fields rather than Google's JSON loader so the token endpoint is ours to set, and so
    /// only a genuine service-account key is accepted (Google warns against loading unvalidated credential JSON).
    /// </summary>
    private static ServiceAccountCredential ServiceAccount(string json, string tokenUrl)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        string? Field(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        if (Field("type") != "service_account")
            throw new InvalidOperationException("ServiceAccountJson is not a service account key (type must be service_account).");
        var email = Field("client_email") ?? throw new InvalidOperationException("ServiceAccountJson has no client_email.");
        var privateKey = Field("private_key") ?? throw new InvalidOperationException("ServiceAccountJson has no private_key.");

        return new ServiceAccountCredential(
            new ServiceAccountCredential.Initializer(email, tokenUrl)
            {
                Scopes = [AdWordsScope],
                KeyId = Field("private_key_id"),
            }.FromPrivateKey(privateKey));
    }
}
