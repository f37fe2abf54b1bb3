using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Destinations.Http;

/// <summary>
/// Performs one <see cref="OutgoingRequest"/> exactly once, with a per-attempt timeout. It never retries itself:
/// a retry is a new queue message, so the ledger sees every attempt.
/// </summary>
public sealed class PlatformHttpClient(IHttpClientFactory factory, TimeProvider time)
{
    /// <summary>Name of the <see cref="HttpClient"/> configured for platform calls.</summary>
    public const string ClientName = "platforms";

    /// <summary>Largest answer read; platform answers are a few kilobytes.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    /// <summary>Registers the named client: no client-wide timeout (each call sets its own), no request logging (URLs carry tokens).</summary>
    public static void Register(IServiceCollection services) =>
        services.AddHttpClient(ClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.MaxResponseContentBufferSize = MaxResponseBytes;
            })
            .RemoveAllLoggers();

    /// <summary>The platform's answer, or a <see cref="PlatformResponse.TransportError"/> on timeout or connection failure.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> itself was cancelled.</exception>
    public async Task<PlatformResponse> SendAsync(OutgoingRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var message = ToMessage(request);
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            using var response = await factory.CreateClient(ClientName).SendAsync(message, linked.Token);
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            var headers = response.Headers.Concat(response.Content.Headers)
                .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => string.Join(',', g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
            return PlatformResponse.Answered((int)response.StatusCode, headers, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PlatformResponse.Failed($"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            // The message names host and port at most, never the query string that carries tokens.
            return PlatformResponse.Failed($"connection failed ({e.HttpRequestError}): {e.Message}");
        }
        catch (IOException e)
        {
            return PlatformResponse.Failed($"connection broken: {e.Message}");
        }
    }

    private static HttpRequestMessage ToMessage(OutgoingRequest request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        if (request.Body is not null) message.Content = new StringContent(request.Body, Encoding.UTF8, request.ContentType);
        foreach (var (name, value) in request.Headers)
        {
            // The content carries its own Content-Type.
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase)) continue;
            if (!message.Headers.TryAddWithoutValidation(name, value)) message.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        return message;
    }
}
