using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Http;

namespace Pipeline.Destinations.Platform;

/// <summary>
/// A platform that answers for the request as a whole (Meta, TikTok, GA4): the request as built is the request as
/// sent, and its one answer stands for every event in it (see <see cref="WholeRequestExchange"/>).
/// </summary>
public abstract class WholeRequestPlatform<TSettings>(string type, int maxBatchSize) : AdPlatform<TSettings>(type, maxBatchSize)
    where TSettings : class, IPlatformSettings, new()
{
    /// <summary>The request for the events, credentials included (they are redacted in every record).</summary>
    public abstract OutgoingRequest Build(IReadOnlyList<PreparedEvent> events, TSettings settings);

    /// <summary>The platform's answer to a request that carried <paramref name="eventsSent"/> events.</summary>
    public abstract DeliveryOutcome Classify(
        int status, IReadOnlyDictionary<string, string> headers, string? body, int eventsSent, DateTimeOffset now);

    public sealed override OutgoingRequest BuildForOutbox(IReadOnlyList<PreparedEvent> events, TSettings settings) => Build(events, settings);

    public sealed override Task<BatchAnswer> ExchangeAsync(
        IReadOnlyList<PreparedEvent> events, PlatformAccount<TSettings> account, CancellationToken cancellationToken) =>
        WholeRequestExchange.SendAsync(account.Http, Build(events, account.Settings), account.Timeout, events.Count,
            r => Classify(r.Status, r.Headers, r.Body, events.Count, account.Time.GetUtcNow()), cancellationToken);
}
