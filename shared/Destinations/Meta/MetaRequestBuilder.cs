using System.Text.Json;
using Pipeline.Destinations.Platform;
using Pipeline.Events;

namespace Pipeline.Destinations.Meta;

/// <summary>Builds the Conversions API request for events that passed <see cref="MetaEventValidator"/>.</summary>
public static class MetaRequestBuilder
{
    /// <summary>Meta rejects larger batches outright.</summary>
    public const int MaxEventsPerRequest = 1000;

    /// <summary>The request for one event.</summary>
    public static OutgoingRequest Build(CanonicalEvent evt, DeliveryTarget target, MetaSettings settings) =>
        Build([(evt, target)], settings);

    /// <summary>
    /// One request for a batch of validated events. All events of a batch must agree on <see cref="DeliveryTarget.Test"/>,
    /// because the test code applies to the whole request.
    /// </summary>
    /// <exception cref="ArgumentException">Empty or oversized batch, mixed test flags, or an event Meta has no name for.</exception>
    public static OutgoingRequest Build(IReadOnlyList<(CanonicalEvent Event, DeliveryTarget Target)> events, MetaSettings settings)
    {
        RequestSize.Check(events.Count, MaxEventsPerRequest, "Meta", nameof(events));
        var test = events[0].Target.Test;
        if (events.Any(e => e.Target.Test != test)) throw new ArgumentException("Test and live events cannot share a Meta request.", nameof(events));
        if (test && string.IsNullOrWhiteSpace(settings.TestEventCode)) throw new ArgumentException("Test events need MetaSettings.TestEventCode.", nameof(events));

        var body = new MetaRequestBody(
            events.Select(e => ServerEvent(e.Event, e.Target, settings)).ToList(),
            test ? settings.TestEventCode : null);

        return new OutgoingRequest
        {
            Method = "POST",
            Url = Url(settings),
            Body = JsonSerializer.Serialize(body, MetaJson.Options),
            SecretQueryParameters = ["access_token", "appsecret_proof"],
        };
    }

    private static string Url(MetaSettings settings)
    {
        var url = $"{settings.BaseUrl.TrimEnd('/')}/{settings.ApiVersion}/{Uri.EscapeDataString(settings.PixelId)}/events"
            + $"?access_token={Uri.EscapeDataString(settings.AccessToken)}";
        if (!string.IsNullOrEmpty(settings.AppSecret))
            url += $"&appsecret_proof={MetaAppSecretProof.Compute(settings.AppSecret, settings.AccessToken)}";
        return url;
    }

    private static MetaServerEvent ServerEvent(CanonicalEvent evt, DeliveryTarget target, MetaSettings settings) => new()
    {
        EventName = MetaEventNames.Map.Resolve(evt, target)
            ?? throw new ArgumentException($"Meta has no event for {evt.EventName}; skip it before building.", nameof(evt)),
        EventTime = evt.EventTime,
        EventId = string.IsNullOrEmpty(evt.EventId) ? null : evt.EventId,
        ActionSource = evt.ActionSource,
        EventSourceUrl = evt.EventSourceUrl ?? (evt.ActionSource == "website" ? settings.EventSourceUrlFallback : null),
        UserData = UserData(evt),
        CustomData = CustomData(evt),
        // 0/0 asks Meta to geolocate the user, which is what a US sale/share opt-out needs.
        DataProcessingOptions = target.LimitedDataUse ? ["LDU"] : null,
        DataProcessingOptionsCountry = target.LimitedDataUse ? 0 : null,
        DataProcessingOptionsState = target.LimitedDataUse ? 0 : null,
    };

    internal static MetaUserData UserData(CanonicalEvent evt) =>
        new(HashedIdentifiers.From(evt))
        {
            Fbc = MetaNormalizer.Fbc(BrowserId(evt, "fbc")),
            Fbp = MetaNormalizer.Fbp(BrowserId(evt, "fbp")),
        };

    private static MetaCustomData? CustomData(CanonicalEvent evt)
    {
        var contents = evt.Contents is { Count: > 0 } items ? items : null;
        var custom = new MetaCustomData
        {
            Value = evt.Value,
            Currency = NullIfBlank(evt.Currency),
            ContentIds = contents?.Select(c => c.Id).ToList(),
            Contents = contents?.Select(c => new MetaContent(c.Id, c.Quantity, c.Price)).ToList(),
            ContentType = contents is null ? null : "product",
            OrderId = NullIfBlank(evt.OrderId),
            NumItems = contents?.Sum(c => c.Quantity),
        };
        return custom.IsEmpty ? null : custom;
    }

    private static string? BrowserId(CanonicalEvent evt, string name) =>
        evt.BrowserIds is { } ids && ids.TryGetValue(name, out var value) ? value : null;

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
