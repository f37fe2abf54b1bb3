using Pipeline.Configuration;
using Pipeline.Events;

namespace Pipeline.Destinations.Outbox;

/// <summary>
/// The default destination when no platform is configured: records the canonical event as the JSON POST a
/// generic webhook would receive, so a new user sees what would go out without any account.
/// </summary>
public sealed class OutboxDestination(DestinationOptions options, OutboxWriter writer) : IDestination
{
    public const string TypeName = "outbox";

    public string Id => options.Id;
    public string Type => TypeName;

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        var outgoing = Build(request.Event, request.Target, options.Settings.GetValueOrDefault("Url") ?? "https://example.invalid/webhook");
        await writer.WriteAsync(Id, request.Event.EventId, outgoing, cancellationToken);
        return DeliveryOutcome.Delivered("recorded in outbox", outgoing.Redacted());
    }

    /// <summary>The request a generic webhook would get: the canonical event as JSON.</summary>
    public static OutgoingRequest Build(CanonicalEvent evt, DeliveryTarget target, string url) => new()
    {
        Method = "POST",
        Url = url,
        Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        Body = Json.Serialize(evt with { EventName = target.EventName ?? evt.EventName }),
    };
}
