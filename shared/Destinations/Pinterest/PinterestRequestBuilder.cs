using System.Globalization;
using System.Text.Json;
using Pipeline.Destinations.Platform;
using Pipeline.Events;

namespace Pipeline.Destinations.Pinterest;

/// <summary>Builds the Conversions API v5 request for events that passed <see cref="PinterestEventValidator"/>.</summary>
public static class PinterestRequestBuilder
{
    /// <summary>Pinterest takes 1 to 1,000 events in <c>data</c>.</summary>
    public const int MaxEventsPerRequest = 1000;

    /// <summary>The request for one event.</summary>
    public static OutgoingRequest Build(CanonicalEvent evt, DeliveryTarget target, PinterestSettings settings) =>
        Build([(evt, target)], settings);

    /// <summary>
    /// One request for a batch of validated events. All events of a batch must agree on <see cref="DeliveryTarget.Test"/>,
    /// because <c>test=true</c> applies to the whole request.
    /// </summary>
    /// <exception cref="ArgumentException">Empty or oversized batch, mixed test flags, or an event Pinterest has no name or source for.</exception>
    public static OutgoingRequest Build(IReadOnlyList<(CanonicalEvent Event, DeliveryTarget Target)> events, PinterestSettings settings)
    {
        RequestSize.Check(events.Count, MaxEventsPerRequest, "Pinterest", nameof(events));
        var test = events[0].Target.Test;
        if (events.Any(e => e.Target.Test != test)) throw new ArgumentException("Test and live events cannot share a Pinterest request.", nameof(events));

        var body = new PinterestRequestBody(events.Select(e => Event(e.Event, e.Target)).ToList());
        var url = $"{settings.BaseUrl.TrimEnd('/')}/v5/ad_accounts/{Uri.EscapeDataString(settings.AdAccountId)}/events"
            + (test ? "?test=true" : "");

        return new OutgoingRequest
        {
            Method = "POST",
            Url = url,
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = $"Bearer {settings.AccessToken}" },
            Body = JsonSerializer.Serialize(body, PinterestJson.Options),
            SecretHeaders = ["Authorization"],
        };
    }

    private static PinterestEvent Event(CanonicalEvent evt, DeliveryTarget target) => new()
    {
        EventName = PinterestEventNames.Map.Resolve(evt, target)
            ?? throw new ArgumentException($"Pinterest has no event for {evt.EventName}; skip it before building.", nameof(evt)),
        ActionSource = PinterestActionSources.For(evt.ActionSource)
            ?? throw new ArgumentException($"Pinterest has no action_source for {evt.ActionSource} events; skip them before building.", nameof(evt)),
        EventTime = evt.EventTime,
        EventId = evt.EventId,
        EventSourceUrl = NullIfBlank(evt.EventSourceUrl),
        // A US sale/share opt-out is the closest we know to Pinterest's "user opted out"; absent otherwise.
        OptOut = target.LimitedDataUse ? true : null,
        UserData = UserData(evt),
        CustomData = CustomData(evt),
    };

    internal static PinterestUserData UserData(CanonicalEvent evt) =>
        new(HashedIdentifiers.From(evt))
        {
            ClickId = ClickId(evt),
        };

    /// <summary>The <c>epik</c> of the attached click, else the <c>_epik</c> cookie; sent plain, as Pinterest takes it.</summary>
    internal static string? ClickId(CanonicalEvent evt) =>
        NullIfBlank(Lookup(evt.ClickIds, "epik")) ?? NullIfBlank(Lookup(evt.BrowserIds, "epik"));

    private static PinterestCustomData? CustomData(CanonicalEvent evt)
    {
        var contents = evt.Contents is { Count: > 0 } items ? items : null;
        var custom = new PinterestCustomData
        {
            Currency = NullIfBlank(evt.Currency),
            Value = Amount(evt.Value),
            ContentIds = contents?.Select(c => c.Id).ToList(),
            Contents = contents?.Select(c => new PinterestContent(c.Id, Amount(c.Price), c.Quantity)).ToList(),
            NumItems = contents?.Sum(c => c.Quantity),
            OrderId = NullIfBlank(evt.OrderId),
        };
        return custom.IsEmpty ? null : custom;
    }

    // Pinterest takes amounts as strings.
    private static string? Amount(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Lookup(IReadOnlyDictionary<string, string>? ids, string name) =>
        ids is not null && ids.TryGetValue(name, out var value) ? value : null;

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
