using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Events;
using Pipeline.Identity;

namespace Pipeline.Destinations.Ga4;

/// <summary>The client_id GA4 requires: the browser's own _ga id, else a stable stand-in derived from who converted.</summary>
public static class Ga4ClientId
{
    public const string BrowserIdKey = "ga_client_id";

    /// <summary>
    /// The <c>ga_client_id</c> browser id when the event has one. Otherwise (a webhook order without the browser
    /// cookie) a pseudo id in the _ga shape "N.N", derived from the first visitor id or else the external id hash,
    /// so the same visitor always gets the same id and revenue still reaches GA4 (attributed as Direct/Unassigned).
    /// Null when none of these exists: the event is skipped rather than invent a new user per event.
    /// </summary>
    public static string? For(CanonicalEvent e)
    {
        if (e.BrowserIds is not null && e.BrowserIds.TryGetValue(BrowserIdKey, out var ga) && !string.IsNullOrWhiteSpace(ga))
            return ga.Trim();

        var seed = e.VisitorIds?.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) is { } visitor
            ? "visitor:" + visitor
            : e.UserData?.ExternalId?.For(HashRules.Google) is { Length: > 0 } externalId
                ? "external:" + externalId
                : null;
        return seed is null ? null : Pseudo(seed);
    }

    /// <summary>True when the id was derived here rather than read from the browser.</summary>
    public static bool IsDerived(CanonicalEvent e) =>
        e.BrowserIds is null || !e.BrowserIds.TryGetValue(BrowserIdKey, out var ga) || string.IsNullOrWhiteSpace(ga);

    private static string Pseudo(string seed)
    {
        // Not identity hashing: only turns an opaque id into the numeric shape GA4 expects.
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var first = BinaryPrimitives.ReadUInt32BigEndian(digest.AsSpan(0, 4));
        var second = BinaryPrimitives.ReadUInt32BigEndian(digest.AsSpan(4, 4));
        return first.ToString(CultureInfo.InvariantCulture) + "." + second.ToString(CultureInfo.InvariantCulture);
    }
}
