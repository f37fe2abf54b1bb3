using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Pipeline.Events;
using Pipeline.Http;
using Pipeline.Identity;
using Pipeline.Privacy;

namespace Pipeline.Collect;

/// <summary>
/// Reads the snippet's POST body (docs/collector.md) into a <see cref="HitBatch"/>. Never throws: a body it cannot
/// trust as a whole (among that, a key written twice, or an id it would forward that is unprintable or too long) is a
/// 400 with a reason; any other unusable item or field is dropped.
/// </summary>
public static class HitParser
{
    public static HitParseResult Parse(ReadOnlySpan<byte> body, int maxItems)
    {
        if (body.IsEmpty) return HitParseResult.Invalid("empty body");
        if (body.Length > HitLimits.MaxBodyBytes)
            return HitParseResult.Invalid($"body is larger than {HitLimits.MaxBodyBytes} bytes");
        if (!Utf8.IsValid(body)) return HitParseResult.Invalid("body is not valid UTF-8");
        try
        {
            using var document = RequestJson.Parse(body.ToArray(), HitLimits.MaxJsonDepth);
            return HitParseResult.Valid(ReadBatch(document.RootElement, maxItems));
        }
        catch (JsonException e) when (RequestJson.IsDuplicateKey(e))
        {
            return HitParseResult.Invalid(RequestJson.Describe(e));
        }
        catch (JsonException)
        {
            return HitParseResult.Invalid($"body is not JSON nested at most {HitLimits.MaxJsonDepth} deep");
        }
        catch (BadHitException e)
        {
            return HitParseResult.Invalid(e.Message);
        }
    }

    private static HitBatch ReadBatch(JsonElement root, int maxItems)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new BadHitException("body must be a JSON object");
        if (Find(root, "v") is not { ValueKind: JsonValueKind.Number } v || !v.TryGetInt32(out var version) || version != 1)
            throw new BadHitException("v must be 1");
        var anonymous = Flag(root, "a", "");
        var visitorId = String(root, "vid", "");
        if (anonymous || visitorId is not null && !IsToken(visitorId, HitLimits.MinVisitorIdLength, HitLimits.MaxVisitorIdLength))
            visitorId = null;

        if (Find(root, "e") is not { ValueKind: JsonValueKind.Array } array) throw new BadHitException("e must be an array");
        if (array.GetArrayLength() > maxItems) throw new BadHitException($"e has more than {maxItems} items");

        var items = new List<HitItem>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var item = ReadItem(element, $"e[{index++}]", anonymous);
            if (item is not null) items.Add(item);
        }
        return new HitBatch
        {
            Version = version, VisitorId = visitorId, Anonymous = anonymous, Items = items,
            DroppedItems = index - items.Count,
        };
    }

    private static HitItem? ReadItem(JsonElement item, string path, bool anonymousBatch)
    {
        if (item.ValueKind != JsonValueKind.Object) throw new BadHitException($"{path} must be an object");
        var type = String(item, "t", path) ?? throw new BadHitException($"{path}.t must be a string");
        if (Find(item, "ts") is not { ValueKind: JsonValueKind.Number } ts || !ts.TryGetInt64(out var time)
            || time is <= 0 or > HitLimits.MaxClientTimeMs)
            throw new BadHitException($"{path}.ts must be Unix milliseconds");
        return type switch
        {
            "hit" => ReadPage(item, path, time, anonymousBatch),
            "ev" => ReadEvent(item, path, time),
            // Identifiers in a body sent without ads consent are not ours to keep.
            "id" => anonymousBatch ? ValidateIdentify(item, path) : ReadIdentify(item, path, time),
            "cs" => ReadConsent(item, path, time),
            _ => null,
        };
    }

    private static PageHit ReadPage(JsonElement item, string path, long time, bool anonymousBatch)
    {
        // Scrubbed before anything reads or cuts them: a cut could hide half an e-mail address from the scrubber.
        var url = UrlScrubber.Scrub(String(item, "u", path));
        var anonymous = anonymousBatch | Flag(item, "a", path);
        var pageViewId = String(item, "pv", path);
        var clickIds = Map(item, "ck", path, (name, value) =>
            BrowserIdentifiers.ClickIdParameters.Contains(name) && BrowserIdentifiers.IsValidClickId(value));
        var cookies = Map(item, "c", path, (name, value) =>
            BrowserIdentifiers.Cookies.Contains(name) && BrowserIdentifiers.IsValidCookie(name, value));
        return new PageHit
        {
            ClientTimeMs = time,
            PageViewId = pageViewId is not null && IsToken(pageViewId, 1, HitLimits.MaxPageViewIdLength) ? pageViewId : null,
            Url = Truncate(url, HitLimits.MaxUrlLength),
            Referrer = Truncate(UrlScrubber.Scrub(String(item, "r", path)), HitLimits.MaxUrlLength),
            Anonymous = anonymous,
            ClickIds = anonymous ? new Dictionary<string, string>() : clickIds,
            Cookies = anonymous ? new Dictionary<string, string>() : cookies,
            Utm = Utm(url),
        };
    }

    private static BrowserEventHit? ReadEvent(JsonElement item, string path, long time)
    {
        var name = String(item, "n", path);
        var eventId = String(item, "id", path);
        var url = Truncate(UrlScrubber.Scrub(String(item, "u", path)), HitLimits.MaxUrlLength);
        var linkIds = LinkIds(item, path);
        // Ids are forwarded to the platforms as they came: one that is not printable or too long refuses the body.
        RequireId(eventId, HitLimits.MaxEventIdLength, $"{path}.id");
        // Without a usable name and id the event can neither be mapped nor deduplicated with the pixels.
        if (!IsText(name, HitLimits.MaxEventNameLength) || eventId is null) return null;

        var hit = new BrowserEventHit
        {
            ClientTimeMs = time, Name = name!, EventId = eventId!, Url = url,
            LinkIds = linkIds.Count == 0 ? null
                : linkIds.Take(HitLimits.MaxLinkIds).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };
        // p is the page's own object: read what is usable and ignore the rest rather than refuse the body.
        return Find(item, "p") is { ValueKind: JsonValueKind.Object } p
            ? hit with
            {
                Value = Decimal(Find(p, "value")),
                Currency = Currency(Find(p, "currency")),
                OrderId = OrderId(Find(p, "order_id"), $"{path}.p.order_id"),
                Contents = Contents(Find(p, "contents")),
            }
            : hit;
    }

    private static IdentifyHit? ReadIdentify(JsonElement item, string path, long time)
    {
        var email = Limit(String(item, "email", path), HitLimits.MaxEmailLength);
        var phone = Limit(String(item, "phone", path), HitLimits.MaxPhoneLength);
        var externalId = String(item, "externalId", path);
        RequireId(externalId, HitLimits.MaxExternalIdLength, $"{path}.externalId");
        if (email is null && phone is null && externalId is null) return null;
        return new IdentifyHit
        {
            ClientTimeMs = time,
            User = new RawUserData { Email = email, Phone = phone, ExternalId = externalId },
        };
    }

    private static IdentifyHit? ValidateIdentify(JsonElement item, string path)
    {
        ReadIdentify(item, path, 1);
        return null;
    }

    private static ConsentHit ReadConsent(JsonElement item, string path, long time) => new()
    {
        ClientTimeMs = time,
        Consent = new ConsentState
        {
            AdStorage = Signal(String(item, "ad_storage", path)),
            AnalyticsStorage = Signal(String(item, "analytics_storage", path)),
            AdUserData = Signal(String(item, "ad_user_data", path)),
            AdPersonalization = Signal(String(item, "ad_personalization", path)),
            SaleOfDataOptOut = Find(item, "sale_of_data_opt_out") is { } optOut ? Bool(optOut, $"{path}.sale_of_data_opt_out") : null,
            Time = time / 1000,
        },
    };

    private static List<ContentItem>? Contents(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Array } array) return null;
        var contents = new List<ContentItem>();
        foreach (var entry in array.EnumerateArray())
        {
            if (contents.Count == HitLimits.MaxContents) break;
            if (entry.ValueKind != JsonValueKind.Object) continue;
            var id = Id(Find(entry, "id") ?? Find(entry, "content_id"), HitLimits.MaxContentIdLength);
            if (id is null) continue;
            contents.Add(new ContentItem
            {
                Id = id,
                Quantity = Find(entry, "quantity") is { ValueKind: JsonValueKind.Number } q && q.TryGetInt32(out var n)
                    && n is > 0 and <= HitLimits.MaxContentQuantity ? n : 1,
                Price = Decimal(Find(entry, "price") ?? Find(entry, "item_price")),
                Name = Truncate(StripControls(Text(Find(entry, "name") ?? Find(entry, "content_name"))), HitLimits.MaxContentNameLength),
            });
        }
        return contents.Count == 0 ? null : contents;
    }

    private static Dictionary<string, string> Utm(string? url)
    {
        var utm = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = url?.Split('#')[0].Split('?', 2) is [_, var q] ? q : "";
        foreach (var pair in query.Split('&'))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || !parts[0].StartsWith("utm_", StringComparison.Ordinal)) continue;
            var key = parts[0][4..];
            if (!BrowserIdentifiers.UtmKeys.Contains(key) || utm.ContainsKey(key)) continue;
            var value = StripControls(Uri.UnescapeDataString(parts[1].Replace('+', ' '))) ?? "";
            if (value.Length > 0) utm[key] = Truncate(value, HitLimits.MaxUtmLength)!;
        }
        return utm;
    }

    private static Dictionary<string, string> Map(JsonElement item, string name, string path, Func<string, string, bool> keep)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Find(item, name) is not { } element) return map;
        if (element.ValueKind != JsonValueKind.Object) throw new BadHitException($"{path}.{name} must be an object");
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null) continue;
            if (property.Value.ValueKind != JsonValueKind.String)
                throw new BadHitException($"{path}.{name} values must be strings");
            var value = GetString(property.Value, Path(path, name));
            if (keep(property.Name, value)) map[property.Name] = value;
        }
        return map;
    }

    /// <summary>Visitor ids the shop links to the event (<c>x</c>): odd keys are dropped, a bad value refuses the body.</summary>
    private static Dictionary<string, string> LinkIds(JsonElement item, string path) =>
        Map(item, "x", path, (key, value) =>
        {
            if (!IsLinkIdKey(key)) return false;
            RequireId(value, HitLimits.MaxLinkIdValueLength, $"{path}.x.{key}");
            return true;
        });

    private static bool IsLinkIdKey(string key) =>
        key.Length is > 0 and <= HitLimits.MaxLinkIdKeyLength && key[0] is >= 'a' and <= 'z'
        && key.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_');

    /// <summary>An id present in the body must be printable and within its limit, or the body is a 400 naming it.</summary>
    private static void RequireId(string? value, int maxLength, string path)
    {
        if (ForwardedIds.Problem(path, value, maxLength) is { } problem) throw new BadHitException(problem);
    }

    /// <summary>The order id as text (a number is written in digits); a bad string refuses the body.</summary>
    private static string? OrderId(JsonElement? element, string path)
    {
        if (element is { ValueKind: JsonValueKind.String } s)
        {
            var text = GetString(s, path);
            RequireId(text, HitLimits.MaxOrderIdLength, path);
            return text;
        }
        return Id(element, HitLimits.MaxOrderIdLength);
    }

    private static JsonElement? Find(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? String(JsonElement obj, string name, string path) => Find(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } s => GetString(s, Path(path, name)),
        _ => throw new BadHitException($"{Path(path, name)} must be a string"),
    };

    private static bool Flag(JsonElement obj, string name, string path) => Find(obj, name) switch
    {
        null => false,
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var i) && i is 0 or 1 => i == 1,
        { } b => Bool(b, Path(path, name)),
    };

    // A lone surrogate escape (\ud800) is valid JSON but not a string .NET can produce.
    private static string GetString(JsonElement element, string path)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new BadHitException($"{path} is not valid Unicode");
        }
    }

    private static string Path(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static bool Bool(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new BadHitException($"{path} must be true or false"),
    };

    private static string? Text(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.String } s ? GetString(s, "p") : null;

    private static string? Id(JsonElement? element, int maxLength) => element switch
    {
        { ValueKind: JsonValueKind.String } s when IsText(GetString(s, "p"), maxLength) => GetString(s, "p"),
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var i) && i >= 0 => i.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static decimal? Decimal(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetDecimal(out var d) => d,
        { ValueKind: JsonValueKind.String } s when decimal.TryParse(GetString(s, "p"), NumberStyles.Float,
            CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static string? Currency(JsonElement? element) =>
        Text(element) is { Length: 3 } c && c.All(char.IsAsciiLetter) ? c.ToUpperInvariant() : null;

    private static string? Signal(string? value) =>
        value?.ToLowerInvariant() is "granted" or "denied" ? value.ToLowerInvariant() : null;

    private static string? Limit(string? value, int maxLength) =>
        IsText(value, maxLength) ? value : null;

    private static bool IsText(string? value, int maxLength) =>
        value is { Length: > 0 } && value.Length <= maxLength && !value.Any(char.IsControl);

    private static bool IsToken(string value, int minLength, int maxLength) =>
        value.Length >= minLength && value.Length <= maxLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string? StripControls(string? value) =>
        value is null || !value.Any(char.IsControl) ? value : string.Concat(value.Where(c => !char.IsControl(c)));

    private static string? Truncate(string? value, int maxLength)
    {
        if (value is null || value.Length <= maxLength) return value;
        // Never leave half a surrogate pair at the cut.
        return value[..(char.IsHighSurrogate(value[maxLength - 1]) ? maxLength - 1 : maxLength)];
    }

    /// <summary>Unwinds the reader to <see cref="Parse"/> with a reason; never escapes it.</summary>
    private sealed class BadHitException(string reason) : Exception(reason);
}
