using Pipeline.Configuration;
using Pipeline.Destinations.Http;
using Pipeline.Destinations.Outbox;

namespace Pipeline.Destinations.TikTok;

/// <summary>One TikTok pixel (and its offline and app event sources), fed through the Events API 2.0.</summary>
public sealed class TikTokDestination(
    DestinationOptions options,
    TikTokSettings settings,
    DestinationMode mode,
    TimeSpan timeout,
    PlatformHttpClient http,
    OutboxWriter outbox,
    TimeProvider time) : IDestination, IEventAgeLimit
{
    public const string TypeName = "tiktok";

    public string Id => options.Id;
    public string Type => TypeName;

    /// <summary>TikTok names no hard limit; attribution windows end after days, so old events are not worth sending.</summary>
    public TimeSpan MaxEventAge => TimeSpan.FromDays(settings.MaxEventAgeDays);

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        var target = request.Target with { Test = DestinationModes.IsTest(mode, request) };
        var now = time.GetUtcNow();
        if (TikTokEventValidator.Check(request.Event, target, settings, now) is { } refused) return refused;
        if (DateTimeOffset.FromUnixTimeSeconds(request.Event.EventTime) < now - MaxEventAge)
            return DeliveryOutcome.Permanent($"expired: event is older than {settings.MaxEventAgeDays} days");

        var outgoing = TikTokRequestBuilder.Build(request.Event, target, settings);
        if (mode == DestinationMode.Outbox)
        {
            await outbox.WriteAsync(Id, request.Event.EventId, outgoing, cancellationToken);
            return DeliveryOutcome.Delivered("recorded in outbox", outgoing.Redacted());
        }

        var response = await http.SendAsync(outgoing, timeout, cancellationToken);
        var outcome = response.TransportOutcome
            ?? TikTokAnswerClassifier.Classify(response.Status, response.Headers, response.Body, time.GetUtcNow());
        if (target.Test && outcome.Kind == DeliveryOutcomeKind.Delivered)
            outcome = outcome with { Detail = $"test_event_code {settings.TestEventCode}: {outcome.Detail}" };
        return outcome with { Request = outgoing.Redacted() };
    }
}
