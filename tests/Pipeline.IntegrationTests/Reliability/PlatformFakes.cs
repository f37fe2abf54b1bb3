using System.Text.Json;
using Pipeline.IntegrationTests.Destinations;
using Pipeline.IntegrationTests.Fakes;

namespace Pipeline.IntegrationTests.Reliability;

/// <summary>
/// Fake Meta, TikTok and Google Ads (with its OAuth server) side by side, with the host settings that point three
/// destinations at them, and a tally of what each platform kept.
/// </summary>
public sealed class PlatformFakes : IAsyncDisposable
{
    public const string MetaId = "meta-main";
    public const string TikTokId = "tiktok-main";
    public const string GoogleId = "google-main";

    private PlatformFakes(FakeMetaServer meta, FakeTikTokServer tikTok, FakeGoogleAdsServer google, FakeGoogleOAuthServer oauth)
    {
        Meta = meta;
        TikTok = tikTok;
        Google = google;
        OAuth = oauth;
    }

    public FakeMetaServer Meta { get; }
    public FakeTikTokServer TikTok { get; }
    public FakeGoogleAdsServer Google { get; }
    public FakeGoogleOAuthServer OAuth { get; }

    public static async Task<PlatformFakes> StartAsync(string metaToken = "meta-test-token") =>
        new(await FakeMetaServer.StartAsync(metaToken), await FakeTikTokServer.StartAsync(),
            await FakeGoogleAdsServer.StartAsync(), await FakeGoogleOAuthServer.StartAsync());

    /// <summary>
    /// Host settings for the three destinations. <paramref name="metaToken"/> overrides the token the host sends to
    /// Meta (a wrong one makes every Meta delivery fail); <paramref name="timeout"/> is each attempt's wait.
    /// </summary>
    public Dictionary<string, string?> Settings(string? metaToken = null, TimeSpan? timeout = null)
    {
        var meta = DestinationSpec.Meta(Meta);
        if (metaToken is not null) meta = meta with { Settings = new Dictionary<string, string>(meta.Settings) { ["AccessToken"] = metaToken } };
        var settings = DestinationSpec.HostSettings(meta, DestinationSpec.TikTok(TikTok), DestinationSpec.GoogleAds(Google, OAuth));
        for (var i = 0; i < 3; i++) settings[$"Pipeline:Destinations:{i}:Settings:Timeout"] = (timeout ?? TimeSpan.FromSeconds(5)).ToString("c");
        // Webhook orders carry no page URL; website events need one at Meta and TikTok.
        settings["Pipeline:Destinations:0:Settings:EventSourceUrlFallback"] = "https://linen-and-co.example/";
        settings["Pipeline:Destinations:1:Settings:EventSourceUrlFallback"] = "https://linen-and-co.example/";
        return settings;
    }

    /// <summary>
    /// Every platform answers like an outage while <paramref name="failing"/> holds: Meta 500 (transient), TikTok
    /// 429, Google Ads no answer in time (a timeout longer than <paramref name="hang"/>).
    /// </summary>
    public void FailWhile(Func<bool> failing, TimeSpan hang)
    {
        Meta.Fault = (_, _) => Task.FromResult(failing()
            ? new FakeAnswer(500, FakeMetaServer.ErrorBody(2, "Service temporarily unavailable", isTransient: true))
            : null);
        TikTok.Fault = (_, _) => Task.FromResult(failing()
            ? new FakeAnswer(429, FakeTikTokServer.AnswerBody(51000, "Too many requests"), new Dictionary<string, string> { ["Retry-After"] = "1" })
            : null);
        Google.Fault = async (_, ct) =>
        {
            if (!failing()) return null;
            try
            {
                await Task.Delay(hang, ct);
            }
            catch (OperationCanceledException)
            {
                // The caller gave up (its timeout): the answer goes nowhere.
            }
            return new FakeGoogleAdsServer.Answer(504, """{"error":{"code":504,"message":"Deadline exceeded.","status":"DEADLINE_EXCEEDED"}}""");
        };
    }

    /// <summary>Event ids each platform kept, with how many times (more than once = a duplicate it deduplicates).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, int>> Kept() => new Dictionary<string, Dictionary<string, int>>
    {
        [MetaId] = Count(Meta.Succeeded.SelectMany(r => Ids(r.Body, "data", "event_id"))),
        [TikTokId] = Count(TikTok.Succeeded.SelectMany(r => Ids(r.Body, "data", "event_id"))),
        // Google's idempotency key is the order id; the purchase's event id is purchase_{order id}.
        [GoogleId] = Count(Google.Succeeded.SelectMany(r => Ids(r.Body, "conversions", "orderId")).Select(id => "purchase_" + id)),
    };

    /// <summary>Compares what the platforms kept with the event ids accepted by the pipeline.</summary>
    /// <param name="inFlight">Messages still on the queues (leased by a killed process): they may still deliver.</param>
    public ScenarioResult Tally(string scenario, int sent, IReadOnlyCollection<string> accepted, int inFlight = 0, string detail = "")
    {
        var kept = Kept();
        var everywhere = accepted.Count(id => kept.Values.All(k => k.ContainsKey(id)));
        var duplicates = kept.Values.Sum(k => k.Values.Sum(n => n - 1));
        var missing = accepted.Count - everywhere;
        var perDestination = string.Join(" ", kept.Select(k => $"{k.Key}={accepted.Count(k.Value.ContainsKey)}"));
        var extra = inFlight > 0 ? $"; still queued={inFlight}" : "";
        return new ScenarioResult(scenario, sent, accepted.Count, everywhere, duplicates, Math.Max(0, missing - inFlight),
            $"{perDestination}{extra}{(detail.Length > 0 ? "; " + detail : "")}");
    }

    private static Dictionary<string, int> Count(IEnumerable<string> ids) =>
        ids.GroupBy(id => id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static IEnumerable<string> Ids(string body, string array, string field)
    {
        using var doc = JsonDocument.Parse(body);
        if (!doc.RootElement.TryGetProperty(array, out var items) || items.ValueKind != JsonValueKind.Array) return [];
        return items.EnumerateArray()
            .Select(item => item.TryGetProperty(field, out var id) ? id.GetString() : null)
            .OfType<string>()
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await Meta.DisposeAsync();
        await TikTok.DisposeAsync();
        await Google.DisposeAsync();
        await OAuth.DisposeAsync();
    }
}
