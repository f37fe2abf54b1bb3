using Pipeline.Configuration;
using Pipeline.Destinations.Http;
using Pipeline.Destinations.Outbox;

namespace Pipeline.Destinations.Meta;

/// <summary>One Meta pixel, fed through the Conversions API (or recorded in the outbox in outbox mode).</summary>
public sealed class MetaDestination(
    DestinationOptions options,
    MetaSettings settings,
    DestinationMode mode,
    TimeSpan timeout,
    PlatformHttpClient http,
    OutboxWriter outbox,
    TimeProvider time) : IDestination, IEventAgeLimit
{
    public const string TypeName = "meta";

    public string Id => options.Id;
    public string Type => TypeName;

    /// <summary>Meta refuses events older than its limit (7 days), so retries stop before it.</summary>
    public TimeSpan MaxEventAge => TimeSpan.FromDays(settings.MaxEventAgeDays);

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        var target = request.Target with { Test = DestinationModes.IsTest(mode, request) };
        if (MetaEventValidator.Check(request.Event, target, settings, time.GetUtcNow()) is { } refused) return refused;

        var outgoing = MetaRequestBuilder.Build(request.Event, target, settings);
        if (mode == DestinationMode.Outbox)
        {
            await outbox.WriteAsync(Id, request.Event.EventId, outgoing, cancellationToken);
            return DeliveryOutcome.Delivered("recorded in outbox", outgoing.Redacted());
        }

        var response = await http.SendAsync(outgoing, timeout, cancellationToken);
        var outcome = response.TransportOutcome
            ?? MetaAnswerClassifier.Classify(response.Status, response.Headers, response.Body, eventsSent: 1, time.GetUtcNow());
        if (target.Test && outcome.Kind == DeliveryOutcomeKind.Delivered)
            outcome = outcome with { Detail = $"test_event_code {settings.TestEventCode}: {outcome.Detail}" };
        return outcome with { Request = outgoing.Redacted() };
    }
}
