using System.Globalization;

namespace Pipeline.Events;

/// <summary>
/// The rule for every id the pipeline forwards to a platform or keys storage by (event, order, source, visitor,
/// click, content and external ids): printable text, bounded in length. An id that breaks it is refused at ingest
/// with the field's name, never forwarded verbatim: a NUL or a bidirectional override in an event id would reach
/// Meta, TikTok and Google Ads as it came.
/// </summary>
public static class ForwardedIds
{
    /// <summary>Longest id accepted where a source has no tighter limit of its own.</summary>
    public const int MaxLength = 256;

    /// <summary>Click ids and platform cookies are longer than ids (an fbclid runs to a few hundred characters).</summary>
    public const int MaxClickIdLength = 500;
    public const int MaxBrowserIdLength = 600;

    /// <summary>
    /// True when every character is visible text or a plain space: no control characters (C0, DEL, C1), no format
    /// characters (zero-width, bidirectional overrides), no line or paragraph separators, no private-use or
    /// unassigned code points, no half of a surrogate pair, no U+FFFD (what a broken encoding decodes to); and not blank.
    /// </summary>
    public static bool IsPrintable(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
                if (!IsVisible(CharUnicodeInfo.GetUnicodeCategory(value, i))) return false;
                i++;
                continue;
            }
            if (char.IsLowSurrogate(value[i]) || value[i] == '\uFFFD' || !IsVisible(CharUnicodeInfo.GetUnicodeCategory(value[i]))) return false;
        }
        return true;
    }

    /// <summary>Null when <paramref name="value"/> is absent or a valid id; else a message naming <paramref name="field"/>.</summary>
    public static string? Problem(string field, string? value, int maxLength = MaxLength)
    {
        if (value is null) return null;
        if (value.Length > maxLength) return $"{field} is longer than {maxLength} characters";
        return IsPrintable(value) ? null : $"{field} must be printable text (no control, format or separator characters, not blank)";
    }

    /// <summary>The first id of a canonical event that breaks the rule, by its canonical field name; null when none does.</summary>
    public static string? Problem(CanonicalEvent e)
    {
        // The order id first: event ids are usually made from it, and it is the field the source controls.
        var problem = Problem("order_id", e.OrderId)
            ?? Problem("source_id", e.SourceId)
            ?? Problem("original_event_id", e.OriginalEventId)
            ?? Problem("event_id", e.EventId);
        if (problem is not null) return problem;
        for (var i = 0; i < (e.VisitorIds?.Count ?? 0); i++)
            if (Problem($"visitor_ids[{i}]", e.VisitorIds![i]) is { } p) return p;
        for (var i = 0; i < (e.Contents?.Count ?? 0); i++)
            if (e.Contents![i].Id is { Length: > 0 } id && Problem($"contents[{i}].id", id) is { } p) return p;
        return MapProblem("click_ids", e.ClickIds, MaxClickIdLength) ?? MapProblem("browser_ids", e.BrowserIds, MaxBrowserIdLength);
    }

    /// <summary>Keys and values of an id map (<c>click_ids</c>, <c>browser_ids</c>).</summary>
    public static string? MapProblem(string field, IReadOnlyDictionary<string, string>? map, int maxValueLength)
    {
        if (map is null) return null;
        foreach (var (key, value) in map)
        {
            if (Problem($"{field} key", key, 50) is { } k) return k;
            if (value is null) return $"{field}.{key} must be a string";
            if (Problem($"{field}.{key}", value, maxValueLength) is { } v) return v;
        }
        return null;
    }

    private static bool IsVisible(UnicodeCategory category) => category is not (
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
}
