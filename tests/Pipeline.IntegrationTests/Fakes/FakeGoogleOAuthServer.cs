using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipeline.IntegrationTests.Fakes;

/// <summary>
/// Local stand-in for Google's OAuth token endpoint: issues numbered access tokens for the refresh-token grant
/// (and the service-account JWT grant), counts the calls, and can revoke what it issued to simulate expiry.
/// </summary>
public sealed class FakeGoogleOAuthServer : IAsyncDisposable
{
    public const string DefaultClientId = "fake-client-id";
    public const string DefaultClientSecret = "fake-client-secret";
    public const string DefaultRefreshToken = "fake-refresh-token";

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<string> _issued = [];
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);
    private int _tokenRequests;

    private FakeGoogleOAuthServer(WebApplication app, string clientId, string clientSecret, string refreshToken)
    {
        _app = app;
        ClientId = clientId;
        ClientSecret = clientSecret;
        RefreshToken = refreshToken;
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>The URL to put in <c>GoogleAdsSettings.TokenUrl</c>.</summary>
    public string TokenUrl => BaseUrl + "/token";

    public string ClientId { get; }
    public string ClientSecret { get; }
    public string RefreshToken { get; }

    /// <summary>Lifetime given to issued tokens, seconds.</summary>
    public int ExpiresInSeconds { get; set; } = 3599;

    /// <summary>Every call to the token endpoint, granted or not.</summary>
    public int TokenRequestCount => Volatile.Read(ref _tokenRequests);

    public IReadOnlyList<string> IssuedAccessTokens
    {
        get { lock (_gate) return _issued.ToList(); }
    }

    /// <summary>True for a token this server issued and has not revoked; plug into FakeGoogleAdsServer.AcceptsAccessToken.</summary>
    public bool IsValid(string accessToken)
    {
        lock (_gate) return _issued.Contains(accessToken) && !_revoked.Contains(accessToken);
    }

    /// <summary>Makes every token issued so far invalid, as if it had expired.</summary>
    public void RevokeAll()
    {
        lock (_gate) _revoked.UnionWith(_issued);
    }

    public static async Task<FakeGoogleOAuthServer> StartAsync(
        string clientId = DefaultClientId, string clientSecret = DefaultClientSecret, string refreshToken = DefaultRefreshToken,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeGoogleOAuthServer(app, clientId, clientSecret, refreshToken);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path != "/token" || !HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
        {
            await Json(context, 404, new { error = "not_found" });
            return;
        }
        Interlocked.Increment(ref _tokenRequests);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);

        switch (form["grant_type"].ToString())
        {
            case "refresh_token":
                if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
                {
                    await Json(context, 401, new { error = "invalid_client", error_description = "The OAuth client was not found." });
                    return;
                }
                if (form["refresh_token"] != RefreshToken)
                {
                    await Json(context, 400, new { error = "invalid_grant", error_description = "Token has been expired or revoked." });
                    return;
                }
                break;
            case "urn:ietf:params:oauth:grant-type:jwt-bearer":
                if (string.IsNullOrEmpty(form["assertion"]))
                {
                    await Json(context, 400, new { error = "invalid_grant", error_description = "Missing assertion." });
                    return;
                }
                break;
            default:
                await Json(context, 400, new { error = "unsupported_grant_type" });
                return;
        }

        string token;
        lock (_gate)
        {
            token = $"ya29.fake-{_issued.Count + 1}";
            _issued.Add(token);
        }
        await Json(context, 200, new
        {
            access_token = token,
            expires_in = ExpiresInSeconds,
            token_type = "Bearer",
            scope = "https://www.googleapis.com/auth/adwords",
        });
    }

    private static Task Json(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
