using System.Net;
using Pipeline.Events;
using Pipeline.Identity;
using Pipeline.Privacy;

namespace Pipeline.Ingest;

/// <summary>Validates a server API event and turns it into a canonical event, hashing identifiers on the way.</summary>
public static class ServerEventValidator
{
    public const int MaxIdLength = 200;
    public const int MaxNameLength = 100;
    public const int MaxUrlLength = 2048;
    public const int MaxUserAgentLength = 512;
    public const int MaxMapEntries = 20;
    public const int MaxContents = 200;

    /// <summary>How far in the future an event time may be (clock skew between systems).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <returns>The canonical event, or the first problem found (a message safe to show the caller).</returns>
    public static (CanonicalEvent? Event, string? Error) Validate(ServerEvent e, DateTimeOffset now, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(e.EventName)) return Fail("event_name is required");
        if (e.EventName.Length > MaxNameLength) return Fail($"event_name is longer than {MaxNameLength} characters");
        if (e.EventTime is null) return Fail("event_time is required (Unix seconds)");
        if (e.EventTime <= 0 || DateTimeOffset.FromUnixTimeSeconds(Math.Min(e.EventTime.Value, 253402300799)) > now + FutureTolerance)
            return Fail("event_time must be Unix seconds, not in the future");
        if (string.IsNullOrWhiteSpace(e.EventId)) return Fail("event_id is required (deterministic, shared with the browser pixel)");
        if (IdProblem(e) is { } idProblem) return Fail(idProblem);
        if (string.IsNullOrEmpty(e.ActionSource)) return Fail("action_source is required");
        if (!ActionSources.IsValid(e.ActionSource))
            return Fail($"action_source '{Clip(e.ActionSource)}' is not one of: {string.Join(", ", ActionSources.All)}");
        if (e.Value is < 0) return Fail("value must not be negative");
        if (e.Value is not null && string.IsNullOrEmpty(e.Currency)) return Fail("currency is required with value");
        if (e.Currency is not null && !IsCurrency(e.Currency)) return Fail("currency must be an ISO-4217 code of three letters");
        if (e.EventSourceUrl is { Length: > MaxUrlLength } || e.ReferrerUrl is { Length: > MaxUrlLength })
            return Fail($"URLs are limited to {MaxUrlLength} characters");
        if (e.ClientUserAgent is { Length: > MaxUserAgentLength }) return Fail($"client_user_agent is longer than {MaxUserAgentLength} characters");
        if (e.ClientIpAddress is not null && !IPAddress.TryParse(e.ClientIpAddress, out _)) return Fail("client_ip_address is not an IP address");
        if (e.ClickIds is { Count: > MaxMapEntries } || e.BrowserIds is { Count: > MaxMapEntries }) return Fail($"click_ids and browser_ids take at most {MaxMapEntries} entries");
        if (e.Contents is { Count: > MaxContents }) return Fail($"contents takes at most {MaxContents} items");
        if (e.Country is not null && (e.Country.Length != 2 || !e.Country.All(char.IsAsciiLetter))) return Fail("country must be an ISO-3166 alpha-2 code");

        var country = e.Country?.ToUpperInvariant();
        var hashed = e.UserData is null ? null : UserDataHasher.Hash(e.UserData, country ?? defaultRegion, now);
        return (new CanonicalEvent
        {
            EventName = e.EventName,
            EventTime = e.EventTime.Value,
            EventId = e.EventId,
            ActionSource = e.ActionSource,
            EventSourceUrl = UrlScrubber.Scrub(e.EventSourceUrl),
            ReferrerUrl = UrlScrubber.Scrub(e.ReferrerUrl),
            Source = "api",
            SourceId = e.OrderId,
            Value = e.Value,
            Currency = e.Currency?.ToUpperInvariant(),
            OrderId = e.OrderId,
            OriginalEventId = e.OriginalEventId,
            Contents = e.Contents,
            VisitorIds = e.VisitorId is null ? null : [e.VisitorId],
            ClickIds = e.ClickIds,
            BrowserIds = e.BrowserIds,
            UserData = hashed is { IsEmpty: false } ? hashed : null,
            ClientIpAddress = e.ClientIpAddress,
            ClientUserAgent = e.ClientUserAgent,
            Test = e.Test ?? false,
            Consent = e.Consent,
            Country = country,
        }, null);
    }

    private static (CanonicalEvent?, string?) Fail(string error) => (null, error);

    /// <summary>Every id the event would carry to the platforms, by the field name the caller used.</summary>
    private static string? IdProblem(ServerEvent e)
    {
        var problem = ForwardedIds.Problem("event_id", e.EventId, MaxIdLength)
            ?? ForwardedIds.Problem("order_id", e.OrderId, MaxIdLength)
            ?? ForwardedIds.Problem("original_event_id", e.OriginalEventId, MaxIdLength)
            ?? ForwardedIds.Problem("visitor_id", e.VisitorId, MaxIdLength)
            ?? ForwardedIds.Problem("user_data.external_id", e.UserData?.ExternalId, MaxIdLength)
            ?? ForwardedIds.MapProblem("click_ids", e.ClickIds, ForwardedIds.MaxClickIdLength)
            ?? ForwardedIds.MapProblem("browser_ids", e.BrowserIds, ForwardedIds.MaxClickIdLength);
        if (problem is not null) return problem;
        for (var i = 0; i < (e.Contents?.Count ?? 0); i++)
            if (e.Contents![i]?.Id is { Length: > 0 } id && ForwardedIds.Problem($"contents[{i}].id", id, MaxIdLength) is { } p) return p;
        return null;
    }

    private static bool IsCurrency(string c) => c.Length == 3 && c.All(char.IsAsciiLetter);

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
