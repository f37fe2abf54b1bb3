using System.Globalization;
using Pipeline.Storage;

namespace Pipeline.Collect;

/// <summary>
/// Partition and row keys of the identity graph (docs/collector.md, "Storage"). Every segment that came from outside
/// goes through <see cref="TableKeys.Encode"/>, which also escapes <c>~</c>, so the separators stay unambiguous.
/// </summary>
public static class VisitorKeys
{
    /// <summary>RowKey of the visitor's profile in <c>visitors</c>.</summary>
    public const string Profile = "profile";

    /// <summary>Prefix of click rows in the visitor's partition.</summary>
    public const string ClickPrefix = "click~";

    /// <summary>Prefix of the rows claiming a browser event id for the visitor (first one wins).</summary>
    public const string EventPrefix = "event~";

    public const string Email = "em";
    public const string Phone = "ph";
    public const string ExternalId = "xid";
    public const string Link = "link";

    /// <summary>PartitionKey of everything stored about one visitor in <c>visitors</c>.</summary>
    public static string Visitor(string visitorId) => TableKeys.Encode(visitorId);

    /// <summary><c>click~{param}~{capturedAtUnixMs:D13}</c>: one row per click id capture, oldest first.</summary>
    public static string ClickRow(string param, long capturedAtMs) =>
        string.Create(CultureInfo.InvariantCulture, $"{ClickPrefix}{TableKeys.Encode(param)}~{capturedAtMs:D13}");

    public static string EventClaim(string eventId) => TableKeys.Encode(eventId, prefix: EventPrefix);

    /// <summary>PartitionKey in <c>clicks</c>: <c>{param}:{clickId}</c>, the click id exactly as it was in the URL.</summary>
    public static string ClickIndex(string param, string clickId) => TableKeys.Encode($"{param}:{clickId}");

    /// <summary>PartitionKey in <c>identities</c>: <c>{kind}:{key}</c> with kind <c>em</c>, <c>ph</c> or <c>xid</c>.</summary>
    public static string Identity(string kind, string key) => TableKeys.Encode($"{kind}:{key}");

    /// <summary>PartitionKey in <c>identities</c> for a visitor id the shop supplied (<c>shopify-client:…</c>, <c>shopify-checkout:…</c>).</summary>
    public static string LinkedVisitor(string externalVisitorId) => TableKeys.Encode($"{Link}:{externalVisitorId}");
}
