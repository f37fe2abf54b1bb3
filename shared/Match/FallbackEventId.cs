using System.Globalization;
using Pipeline.Events;
using Pipeline.Identity;

namespace Pipeline.Match;

/// <summary>
/// Sources give every event a deterministic id (<c>purchase_{order}</c>, <c>refund_{refund}</c>…). An event that
/// arrives without one still gets a deterministic id, derived from what identifies it at its source, so a
/// redelivered copy finds the same ledger rows.
/// </summary>
public static class FallbackEventId
{
    public static string For(CanonicalEvent evt)
    {
        var basis = string.Join('|', evt.Source, evt.EventName, evt.SourceId ?? evt.OrderId ?? "",
            evt.EventTime.ToString(CultureInfo.InvariantCulture), evt.OriginalEventId ?? "");
        var name = new string(evt.EventName.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        return $"{(name.Length == 0 ? "event" : name)}_{UserDataHasher.Sha256Hex(basis)[..24]}";
    }
}
