using System.Text.Json;
using Pipeline.Destinations.Platform;
using Pipeline.Events;

namespace Pipeline.Destinations.Snapchat;

/// <summary>Builds the Conversions API v3 request for events that passed <see cref="SnapchatEventValidator"/>.</summary>
public static class SnapchatRequestBuilder
{
    /// <summary>The most events one request carries (<c>data</c> takes up to 2,000).</summary>
    public const int MaxEventsPerRequest = 2000;

    /// <summary>The request for one event.</summary>
    public static OutgoingRequest Build(CanonicalEvent evt, DeliveryTarget target, SnapchatSettings settings) =>
        Build([(evt, target)], settings);

    /// <summary>
    /// One request for a batch of validated events. All events of a batch must agree on <see cref="DeliveryTarget.Test"/>,
    /// because test events go to the validate endpoint, which records nothing.
    /// </summary>
    /// <exception cref="ArgumentException">Empty or oversized batch, mixed test flags, or an event Snap has no name for.</exception>
    public static OutgoingRequest Build(IReadOnlyList<(CanonicalEvent Event, DeliveryTarget Target)> events, SnapchatSettings settings)
    {
        RequestSize.Check(events.Count, MaxEventsPerRequest, "Snapchat", nameof(events));
        var test = events[0].Target.Test;
        if (events.Any(e => e.Target.Test != test)) throw new ArgumentException("Test and live events cannot share a Snapchat request.", nameof(events));

        var body = new SnapchatRequestBody(events.Select(e => Event(e.Event, e.Target, settings)).ToList());
        return new OutgoingRequest
        {
            Method = "POST",
            Url = $"{settings.BaseUrl.TrimEnd('/')}/v3/{Uri.EscapeDataString(settings.PixelId)}/events{(test ? "/validate" : "")}"
                + $"?access_token={Uri.EscapeDataString(settings.AccessToken)}",
            Body = JsonSerializer.Serialize(body, SnapchatJson.Options),
            SecretQueryParameters = ["access_token"],
        };
    }

    private static SnapchatEvent Event(CanonicalEvent evt, DeliveryTarget target, SnapchatSettings settings) => new()
    {
        EventName = SnapchatEventNames.Map.Resolve(evt, target)
            ?? throw new ArgumentException($"Snapchat has no event for {evt.EventName}; skip it before building.", nameof(evt)),
        EventTime = evt.EventTime,
        // Snap deduplicates it against the pixel's client_dedup_id.
        EventId = NullIfBlank(evt.EventId),
        ActionSource = SnapchatActionSources.For(evt.ActionSource),
        EventSourceUrl = EventSourceUrl(evt, settings),
        UserData = UserData(evt),
        CustomData = CustomData(evt),
        // 0/0 as for Meta: let Snap geolocate the user a US sale/share opt-out applies to.
        DataProcessingOptions = target.LimitedDataUse ? ["LDU"] : null,
        DataProcessingOptionsCountry = target.LimitedDataUse ? 0 : null,
        DataProcessingOptionsState = target.LimitedDataUse ? 0 : null,
    };

    internal static string? EventSourceUrl(CanonicalEvent evt, SnapchatSettings settings) =>
        NullIfBlank(evt.EventSourceUrl) ?? (evt.ActionSource == "website" ? NullIfBlank(settings.EventSourceUrlFallback) : null);

    internal static SnapchatUserData UserData(CanonicalEvent evt) =>
        new(HashedIdentifiers.From(evt))
        {
            ScClickId = NullIfBlank(Lookup(evt.ClickIds, "ScCid")),
            ScCookie1 = NullIfBlank(Lookup(evt.BrowserIds, "scid")),
        };

    private static SnapchatCustomData? CustomData(CanonicalEvent evt)
    {
        var contents = evt.Contents is { Count: > 0 } items ? items : null;
        var custom = new SnapchatCustomData
        {
            Currency = NullIfBlank(evt.Currency),
            Value = evt.Value,
            Contents = contents?.Select(c => new SnapchatContent(c.Id, c.Quantity, c.Price)).ToList(),
            ContentIds = contents?.Select(c => c.Id).ToList(),
            OrderId = NullIfBlank(evt.OrderId),
            NumItems = contents?.Sum(c => c.Quantity),
        };
        return custom.IsEmpty ? null : custom;
    }

    private static string? Lookup(IReadOnlyDictionary<string, string>? ids, string name) =>
        ids is not null && ids.TryGetValue(name, out var value) ? value : null;

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
