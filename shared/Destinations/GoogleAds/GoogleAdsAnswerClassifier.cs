using System.Globalization;
using System.Text.Json;

namespace Pipeline.Destinations.GoogleAds;

/// <summary>Turns a Google Ads upload answer into one outcome per uploaded row.</summary>
public static class GoogleAdsAnswerClassifier
{
    /// <summary>Detail prefix of a 401: the caller refreshes the access token once and resends before giving up.</summary>
    public const string UnauthenticatedPrefix = "unauthenticated";

    /// <summary>Google accepts a conversion for a brand-new action or click only after some hours.</summary>
    public static readonly TimeSpan TooRecentDelay = TimeSpan.FromHours(6);

    private static readonly HashSet<string> AlreadyThere = new(StringComparer.Ordinal)
    {
        "ORDER_ID_ALREADY_IN_USE", "CLICK_CONVERSION_ALREADY_EXISTS", "CONVERSION_ALREADY_RETRACTED", "RESTATEMENT_ALREADY_EXISTS",
    };

    private static readonly HashSet<string> TooRecent = new(StringComparer.Ordinal)
    {
        "TOO_RECENT_CONVERSION_ACTION", "TOO_RECENT_EVENT", "TOO_RECENT_CONVERSION",
    };

    // Nothing Google could attribute or correct: not an error of ours, nothing to retry.
    private static readonly HashSet<string> Benign = new(StringComparer.Ordinal)
    {
        "CLICK_NOT_FOUND", "EVENT_NOT_FOUND", "CONVERSION_NOT_FOUND",
    };

    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        "INTERNAL_ERROR", "TRANSIENT_ERROR", "RESOURCE_EXHAUSTED", "RESOURCE_TEMPORARILY_EXHAUSTED", "DEADLINE_EXCEEDED",
    };

    /// <summary>True when the answer means the access token was rejected (refresh it once and resend).</summary>
    public static bool IsUnauthenticated(int status) => status == 401;

    /// <summary>
    /// One outcome per row of the request, in request order. Row failures come from
    /// <c>partialFailureError</c> (each error names its row by <c>fieldPathElements[0].index</c>); a request-level
    /// failure applies to every row.
    /// </summary>
    public static IReadOnlyList<DeliveryOutcome> Classify(
        int status, IReadOnlyDictionary<string, string> headers, string? body, int rowCount)
    {
        using var doc = Parse(body);
        var root = doc?.RootElement;

        if (status is >= 200 and < 300)
        {
            var failure = root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("partialFailureError", out var pfe)
                ? pfe : default;
            return ByRow(ReadErrors(failure), rowCount, unnamedRow: null);
        }

        var error = root is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("error", out var e) ? e : default;
        var errors = ReadErrors(error);
        var requestOutcome = RequestLevel(status, error, errors, headers);

        // A 400 naming rows (e.g. validateOnly) rejects the request for their sake: the rows it does not name
        // were fine and go again without them.
        if (requestOutcome.Kind == DeliveryOutcomeKind.Permanent && errors.Any(x => x.Row is not null))
            return ByRow(errors, rowCount, unnamedRow: DeliveryOutcome.Retry("not processed: the request was rejected for other rows"));

        return Enumerable.Repeat(requestOutcome, rowCount).ToList();
    }

    private static DeliveryOutcome RequestLevel(
        int status, JsonElement error, IReadOnlyList<RowError> errors, IReadOnlyDictionary<string, string> headers)
    {
        var rpcStatus = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("status", out var s) ? s.GetString() : null;
        var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.GetString() : null;
        var detail = Describe(status, rpcStatus, message, errors);

        if (status == 401) return DeliveryOutcome.AuthFailure($"{UnauthenticatedPrefix}: {detail}");
        if (status == 403) return DeliveryOutcome.AuthFailure($"permission denied: {detail}");
        if (status == 429 || rpcStatus == "RESOURCE_EXHAUSTED")
            return DeliveryOutcome.Retry($"rate limited: {detail}", FindRetryDelay(error) ?? RetryAfterHeader(headers));
        if (status >= 500 || status == 408 || errors.Any(x => Transient.Contains(x.Code)))
            return DeliveryOutcome.Retry($"transient: {detail}", RetryAfterHeader(headers));
        return DeliveryOutcome.Permanent(detail);
    }

    private static List<DeliveryOutcome> ByRow(IReadOnlyList<RowError> errors, int rowCount, DeliveryOutcome? unnamedRow)
    {
        var everyRow = errors.Where(x => x.Row is null).ToList();
        var outcomes = new List<DeliveryOutcome>(rowCount);
        for (var i = 0; i < rowCount; i++)
        {
            var mine = errors.Where(x => x.Row == i).Concat(everyRow).ToList();
            outcomes.Add(mine.Count == 0 ? unnamedRow ?? DeliveryOutcome.Delivered() : Worst(mine.Select(RowOutcome)));
        }
        return outcomes;
    }

    private static DeliveryOutcome RowOutcome(RowError error)
    {
        var detail = error.Describe();
        if (AlreadyThere.Contains(error.Code)) return DeliveryOutcome.Delivered($"already there: {detail}");
        if (TooRecent.Contains(error.Code)) return DeliveryOutcome.Retry(detail, TooRecentDelay);
        if (Transient.Contains(error.Code)) return DeliveryOutcome.Retry(detail);
        if (Benign.Contains(error.Code)) return DeliveryOutcome.Skipped($"benign: {detail}");
        return DeliveryOutcome.Permanent(detail);
    }

    /// <summary>A row with several errors fails for its gravest one: never retry what can never succeed.</summary>
    private static DeliveryOutcome Worst(IEnumerable<DeliveryOutcome> outcomes)
    {
        var list = outcomes.ToList();
        var worst = list.MaxBy(o => Severity(o.Kind))!;
        var detail = string.Join("; ", list.Where(o => o.Kind == worst.Kind).Select(o => o.Detail));
        return worst with { Detail = detail, RetryAfter = list.Where(o => o.Kind == worst.Kind).Max(o => o.RetryAfter) };
    }

    private static int Severity(DeliveryOutcomeKind kind) => kind switch
    {
        DeliveryOutcomeKind.Delivered => 0,
        DeliveryOutcomeKind.Skipped => 1,
        DeliveryOutcomeKind.Retry => 2,
        DeliveryOutcomeKind.Permanent => 3,
        _ => 4,
    };

    /// <summary>Errors of a google.rpc.Status: details[] of GoogleAdsFailure, each with errors[].</summary>
    private static List<RowError> ReadErrors(JsonElement status)
    {
        var result = new List<RowError>();
        if (status.ValueKind != JsonValueKind.Object || !status.TryGetProperty("details", out var details)
            || details.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var detail in details.EnumerateArray())
        {
            if (detail.ValueKind != JsonValueKind.Object || !detail.TryGetProperty("errors", out var errors)
                || errors.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            var requestId = detail.TryGetProperty("requestId", out var rid) ? rid.GetString() : null;
            foreach (var error in errors.EnumerateArray()) result.Add(ReadError(error, requestId));
        }

        // A partial failure without GoogleAdsFailure details still failed: keep its message for every row.
        if (result.Count == 0 && status.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
            result.Add(new RowError(null, "unknown", "UNKNOWN", text, null));
        return result;
    }

    private static RowError ReadError(JsonElement error, string? requestId)
    {
        string category = "unknown", code = "UNKNOWN";
        if (error.TryGetProperty("errorCode", out var errorCode) && errorCode.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in errorCode.EnumerateObject())
            {
                category = p.Name;
                code = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.ToString();
                break;
            }
        }
        var message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
        return new RowError(RowIndex(error), category, code, message, requestId);
    }

    private static int? RowIndex(JsonElement error)
    {
        if (error.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.Object
            && location.TryGetProperty("fieldPathElements", out var path) && path.ValueKind == JsonValueKind.Array
            && path.GetArrayLength() > 0 && path[0].TryGetProperty("index", out var index))
        {
            if (index.ValueKind == JsonValueKind.Number && index.TryGetInt32(out var n)) return n;
            if (index.ValueKind == JsonValueKind.String && int.TryParse(index.GetString(), CultureInfo.InvariantCulture, out var s)) return s;
        }
        return null;
    }

    private static string Describe(int status, string? rpcStatus, string? message, IReadOnlyList<RowError> errors)
    {
        var head = $"HTTP {status}" + (rpcStatus is null ? "" : $" {rpcStatus}") + (message is null ? "" : $": {message}");
        return errors.Count == 0 ? head : $"{head} [{string.Join("; ", errors.Select(e => e.Describe()))}]";
    }

    /// <summary>google.rpc.RetryInfo or Google Ads quotaErrorDetails carry "retryDelay": "30s".</summary>
    private static TimeSpan? FindRetryDelay(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Name == "retryDelay" && ParseDuration(p.Value) is { } delay) return delay;
                    if (FindRetryDelay(p.Value) is { } nested) return nested;
                }
                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FindRetryDelay(item) is { } nested) return nested;
                }
                return null;
            default:
                return null;
        }
    }

    private static TimeSpan? ParseDuration(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text && text.EndsWith('s')
            && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        // The protobuf Duration may also arrive as {"seconds": 30, "nanos": 0}.
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("seconds", out var s)
            && long.TryParse(s.ToString(), CultureInfo.InvariantCulture, out var whole) && whole >= 0)
        {
            return TimeSpan.FromSeconds(whole);
        }
        return null;
    }

    /// <summary>Retry-After in seconds; an HTTP-date is ignored, the shared retry policy then picks the delay.</summary>
    private static TimeSpan? RetryAfterHeader(IReadOnlyDictionary<string, string> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (string.Equals(name, "Retry-After", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }
        return null;
    }

    private static JsonDocument? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record RowError(int? Row, string Category, string Code, string? Message, string? RequestId)
    {
        public string Describe() =>
            Code + (Message is null ? "" : $": {Message}") + (RequestId is null ? "" : $" (request {RequestId})");
    }
}
