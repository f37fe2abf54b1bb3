using System.Text;
using Pipeline.Configuration;
using Pipeline.Events;

namespace Pipeline.Collect;

/// <summary>Turns an event the page tracked into the canonical event the rest of the pipeline forwards. Pure.</summary>
public static class BrowserEventMapper
{
    public const string Source = "browser";

    /// <summary>Platform cookies forwarded as browser ids, by the name the canonical event uses.</summary>
    private static readonly (string Cookie, string Id)[] BrowserIdCookies =
    [
        ("_fbp", "fbp"), ("_ttp", "ttp"), ("_scid", "scid"), ("_epik", "epik"), ("_rdt_uuid", "rdt_uuid"),
    ];

    public static CanonicalEvent Map(BrowserEventHit hit, VisitorObservation seen, HitContext context, string visitorId)
    {
        var browserIds = new Dictionary<string, string>(StringComparer.Ordinal);
        if (seen.Fbc is not null) browserIds["fbc"] = seen.Fbc;
        foreach (var (cookie, id) in BrowserIdCookies)
            if (seen.Cookies.TryGetValue(cookie, out var value)) browserIds[id] = value;
        if (seen.GaClientId is not null) browserIds["ga_client_id"] = seen.GaClientId;
        if (seen.GaSessionId is not null) browserIds["ga_session_id"] = seen.GaSessionId;

        var clickIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var click in seen.Clicks) clickIds[click.Param] = click.ClickId;

        var evt = new CanonicalEvent
        {
            EventName = hit.Name,
            EventTime = context.ClientTime(hit.ClientTimeMs).ToUnixTimeSeconds(),
            EventId = hit.EventId,
            ActionSource = "website",
            EventSourceUrl = hit.Url ?? seen.LastPage?.Url,
            ReferrerUrl = seen.LastPage?.Referrer,
            Source = Source,
            Value = hit.Value,
            Currency = hit.Currency,
            OrderId = hit.OrderId,
            Contents = hit.Contents,
            VisitorIds = [visitorId, .. LinkedVisitorIds.From(hit.LinkIds)],
            ClickIds = clickIds.Count > 0 ? clickIds : null,
            BrowserIds = browserIds.Count > 0 ? browserIds : null,
            UserData = seen.UserData,
            ClientIpAddress = context.Ip,
            ClientUserAgent = context.UserAgent is { Length: > VisitorIdentityWriter.MaxUserAgentLength } ua
                ? ua[..VisitorIdentityWriter.MaxUserAgentLength] : context.UserAgent,
            Consent = seen.Consent,
            Country = context.Country,
        };
        return Fit(evt);
    }

    /// <summary>The queue message for an event, made to fit a queue message by shedding line-item detail first.</summary>
    public static string Message(CanonicalEvent evt) => Json.Serialize(new EventMessage { Event = evt });

    private static CanonicalEvent Fit(CanonicalEvent evt)
    {
        if (Fits(evt)) return evt;
        var unnamed = evt with { Contents = evt.Contents?.Select(c => c with { Name = null }).ToList() };
        return Fits(unnamed) ? unnamed : evt with { Contents = null };
    }

    private static bool Fits(CanonicalEvent evt) =>
        Encoding.UTF8.GetByteCount(Message(evt)) <= Storage.PipelineQueues.MaxMessageBytes;
}
