using System.Text.Json;
using Pipeline.Destinations.Platform;
using Pipeline.Events;

namespace Pipeline.Destinations.TikTok;

/// <summary>Builds the Events API 2.0 request for events that passed <see cref="TikTokEventValidator"/>.</summary>
public static class TikTokRequestBuilder
{
    /// <summary>TikTok rejects larger batches outright.</summary>
    public const int MaxEventsPerRequest = 1000;

    /// <summary>The request for one event.</summary>
    public static OutgoingRequest Build(CanonicalEvent evt, DeliveryTarget target, TikTokSettings settings) =>
        Build([(evt, target)], settings);

    /// <summary>
    /// One request for a batch of validated events. All events of a batch must share one event source (web, app,
    /// offline) and one <see cref="DeliveryTarget.Test"/> flag, because both apply to the whole request.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Empty or oversized batch, mixed sources or test flags, an unconfigured source id, or an event TikTok has no name for.
    /// </exception>
    public static OutgoingRequest Build(IReadOnlyList<(CanonicalEvent Event, DeliveryTarget Target)> events, TikTokSettings settings)
    {
        RequestSize.Check(events.Count, MaxEventsPerRequest, "TikTok", nameof(events));
        var source = TikTokEventSources.For(events[0].Event.ActionSource);
        if (events.Any(e => TikTokEventSources.For(e.Event.ActionSource) != source))
            throw new ArgumentException("Web, app and offline events cannot share a TikTok request.", nameof(events));
        var sourceId = TikTokEventSources.SourceId(source, settings)
            ?? throw new ArgumentException($"No TikTok event source id configured for {source} events.", nameof(settings));
        var test = events[0].Target.Test;
        if (events.Any(e => e.Target.Test != test)) throw new ArgumentException("Test and live events cannot share a TikTok request.", nameof(events));
        if (test && string.IsNullOrWhiteSpace(settings.TestEventCode)) throw new ArgumentException("Test events need TikTokSettings.TestEventCode.", nameof(events));

        var body = new TikTokRequestBody
        {
            EventSource = source,
            EventSourceId = sourceId,
            TestEventCode = test ? settings.TestEventCode : null,
            Data = events.Select(e => Event(e.Event, e.Target, settings)).ToList(),
        };

        return new OutgoingRequest
        {
            Method = "POST",
            Url = $"{settings.BaseUrl.TrimEnd('/')}/open_api/{settings.ApiVersion}/event/track/",
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Access-Token"] = settings.AccessToken },
            Body = JsonSerializer.Serialize(body, TikTokJson.Options),
            SecretHeaders = ["Access-Token"],
        };
    }

    private static TikTokEvent Event(CanonicalEvent evt, DeliveryTarget target, TikTokSettings settings)
    {
        var url = evt.EventSourceUrl ?? (evt.ActionSource == "website" ? settings.EventSourceUrlFallback : null);
        return new TikTokEvent
        {
            Event = TikTokEventNames.Map.Resolve(evt, target)
                ?? throw new ArgumentException($"TikTok has no event for {evt.EventName}; skip it before building.", nameof(evt)),
            EventTime = evt.EventTime,
            EventId = NullIfBlank(evt.EventId),
            User = User(evt),
            Properties = Properties(evt),
            Page = url is null && evt.ReferrerUrl is null ? null : new TikTokPage(url, NullIfBlank(evt.ReferrerUrl)),
            LimitedDataUse = target.LimitedDataUse,
        };
    }

    internal static TikTokUser? User(CanonicalEvent evt)
    {
        var data = evt.UserData;
        var user = new TikTokUser
        {
            Email = TikTokNormalizer.Hash(data?.Email),
            Phone = TikTokNormalizer.Hash(data?.Phone),
            ExternalId = TikTokNormalizer.Hash(data?.ExternalId),
            Ttclid = NullIfBlank(Lookup(evt.ClickIds, "ttclid")),
            Ttp = NullIfBlank(Lookup(evt.BrowserIds, "ttp")),
            Ip = NullIfBlank(evt.ClientIpAddress),
            UserAgent = NullIfBlank(evt.ClientUserAgent),
        };
        return user.IsEmpty ? null : user;
    }

    private static TikTokProperties? Properties(CanonicalEvent evt)
    {
        var contents = evt.Contents is { Count: > 0 } items ? items : null;
        var properties = new TikTokProperties
        {
            Currency = NullIfBlank(evt.Currency),
            Value = evt.Value,
            Contents = contents?.Select(c => new TikTokContent(c.Id, c.Quantity, c.Price)).ToList(),
            ContentType = contents is null ? null : "product",
            OrderId = NullIfBlank(evt.OrderId),
        };
        return properties.IsEmpty ? null : properties;
    }

    private static string? Lookup(IReadOnlyDictionary<string, string>? ids, string name) =>
        ids is not null && ids.TryGetValue(name, out var value) ? value : null;

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
