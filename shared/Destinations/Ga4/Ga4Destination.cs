using Pipeline.Configuration;
using Pipeline.Destinations.Http;
using Pipeline.Destinations.Outbox;

namespace Pipeline.Destinations.Ga4;

/// <summary>One GA4 web data stream, fed through the Measurement Protocol (the debug endpoint in test mode).</summary>
public sealed class Ga4Destination(
    DestinationOptions options,
    Ga4Settings settings,
    DestinationMode mode,
    TimeSpan timeout,
    PlatformHttpClient http,
    OutboxWriter outbox,
    TimeProvider time) : IDestination, IEventAgeLimit
{
    public const string TypeName = "ga4";

    public string Id => options.Id;
    public string Type => TypeName;

    /// <summary>GA4 does not record events backdated by more than 72 h.</summary>
    public TimeSpan MaxEventAge => TimeSpan.FromHours(Math.Clamp(settings.MaxEventAgeHours, 1, Ga4Settings.MaxBackdateHours));

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        var target = request.Target with { Test = DestinationModes.IsTest(mode, request) };
        if (Ga4EventValidator.Validate(request.Event, target, settings, time.GetUtcNow()) is { } refused) return refused;

        var outgoing = Ga4RequestBuilder.Build(request.Event, target, settings);
        if (mode == DestinationMode.Outbox)
        {
            await outbox.WriteAsync(Id, request.Event.EventId, outgoing, cancellationToken);
            return DeliveryOutcome.Delivered("recorded in outbox", outgoing.Redacted());
        }

        var response = await http.SendAsync(outgoing, timeout, cancellationToken);
        var outcome = response.TransportOutcome ?? Ga4AnswerClassifier.Classify(response.Status, response.Headers, response.Body);
        // The debug endpoint validates without recording: say so, so nobody looks for the event in reports.
        if (settings.DebugMode || target.Test)
        {
            outcome = outcome.Kind == DeliveryOutcomeKind.Delivered
                ? outcome with { Detail = "GA4 debug endpoint: valid, not recorded" }
                : outcome with { Detail = $"GA4 debug endpoint: {outcome.Detail}" };
        }
        return outcome with { Request = outgoing.Redacted() };
    }
}
