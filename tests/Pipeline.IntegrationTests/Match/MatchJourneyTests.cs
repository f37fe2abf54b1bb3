using System.Net;
using System.Text.Json;
using Pipeline.Events;
using Pipeline.IntegrationTests.Foundation;
using Pipeline.Ledger;
using Pipeline.Match;
using Pipeline.Match.Graph;

namespace Pipeline.IntegrationTests.Match;

/// <summary>
/// Journeys through the standalone host and Azurite: the graph is seeded as the collector writes it, the conversion
/// arrives on the server API, and the test reads what the outbox received and what the ledger says.
/// </summary>
public sealed class MatchJourneyTests(MatchHost fixture) : IClassFixture<MatchHost>
{
    private static readonly ConsentState Granted = new() { AdStorage = "granted", AdUserData = "granted", AdPersonalization = "granted", AnalyticsStorage = "granted" };

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private VisitorGraphWriter Graph => fixture.Graph;

    private string Id(string name) => $"{name}-{_run}";

    /// <summary>A purchase as Stripe or an admin order brings it: no IP or user agent of the buyer's own.</summary>
    private static Dictionary<string, object?> Purchase(string? visitorId = null, string email = "buyer@example.com", string? country = null)
    {
        var body = EventBuilder.Purchase();
        body.Remove("client_ip_address");
        body.Remove("client_user_agent");
        body["user_data"] = new Dictionary<string, object?> { ["email"] = email };
        if (visitorId is not null) body["visitor_id"] = visitorId;
        if (country is not null) body["country"] = country;
        return body;
    }

    private static DateTimeOffset TimeOf(Dictionary<string, object?> body) => DateTimeOffset.FromUnixTimeSeconds((long)body["event_time"]!);

    private static VisitorProfile Browser(DateTimeOffset conversion, ConsentState? consent = null) => new()
    {
        FirstSeen = conversion.AddDays(-10),
        LastSeen = conversion.AddMinutes(-1),
        Fbp = "fb.1.1770000000000.4242",
        Ttp = "ttp.visitor",
        GaClientId = "1234.5678",
        Ip = "198.51.100.23",
        UserAgent = "Mozilla/5.0 (Macintosh) visitor",
        Consent = consent ?? Granted,
        ConsentAt = conversion.AddDays(-10),
        Country = "US",
    };

    private async Task<(string EventId, JsonElement Body)> PostAndReadAsync(Dictionary<string, object?> body, string destination = "outbox")
    {
        var response = await fixture.Host.PostEventAsync(body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var eventId = (string)body["event_id"]!;
        return (eventId, await fixture.OutboxBodyAsync(eventId, destination));
    }

    private static Dictionary<string, string> Map(JsonElement body, string name) =>
        body.TryGetProperty(name, out var p) ? p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetString()!) : [];

    [Fact]
    public async Task Same_device_click_then_purchase_attaches_the_click_cookies_and_the_visitors_ip()
    {
        var body = Purchase(Id("same"));
        var at = TimeOf(body);
        await Graph.ProfileAsync(Id("same"), Browser(at));
        await Graph.ClickAsync(Id("same"), "fbclid", "IwAR-Same_Device", at.AddDays(-2));
        await Graph.ClickAsync(Id("same"), "gclid", "Cj0-same", at.AddDays(-3));

        var (eventId, sent) = await PostAndReadAsync(body);

        var clicks = Map(sent, "click_ids");
        Assert.Equal("IwAR-Same_Device", clicks["fbclid"]);
        Assert.Equal("Cj0-same", clicks["gclid"]);
        var browser = Map(sent, "browser_ids");
        Assert.Equal($"fb.1.{at.AddDays(-2).ToUnixTimeMilliseconds()}.IwAR-Same_Device", browser["fbc"]);
        Assert.Equal("fb.1.1770000000000.4242", browser["fbp"]);
        Assert.Equal("1234.5678", browser["ga_client_id"]);
        Assert.Equal("198.51.100.23", sent.GetProperty("client_ip_address").GetString());
        Assert.Equal("Mozilla/5.0 (Macintosh) visitor", sent.GetProperty("client_user_agent").GetString());
        Assert.Equal(Id("same"), sent.GetProperty("visitor_ids")[0].GetString());
        Assert.Equal(ExternalIds.FromVisitorId(Id("same")), sent.GetProperty("user_data").GetProperty("external_id").GetProperty("pre").GetString());
        var handoff = await fixture.HandoffAsync(eventId);
        Assert.StartsWith($"matched by visitor_id (visitor {Id("same")})", handoff.Reason);
    }

    [Fact]
    public async Task Click_on_the_phone_identify_on_the_laptop_purchase_on_the_laptop_attaches_the_phones_click()
    {
        var email = $"cross-{_run}@example.com";
        var body = Purchase(Id("laptop"), email);
        var at = TimeOf(body);
        await Graph.ProfileAsync(Id("phone"), Browser(at) with { Fbp = "fb.1.1.phone", LastSeen = at.AddDays(-6) });
        await Graph.ClickAsync(Id("phone"), "ttclid", "E.C.P.phone-click", at.AddDays(-6));
        await Graph.LinkEmailAsync(email, Id("phone"), at.AddDays(-6));
        await Graph.ProfileAsync(Id("laptop"), Browser(at));
        await Graph.LinkEmailAsync(email, Id("laptop"), at.AddMinutes(-5));

        var (eventId, sent) = await PostAndReadAsync(body);

        Assert.Equal("E.C.P.phone-click", Map(sent, "click_ids")["ttclid"]);
        Assert.Equal("fb.1.1770000000000.4242", Map(sent, "browser_ids")["fbp"]);
        Assert.Equal([Id("laptop"), Id("phone")], sent.GetProperty("visitor_ids").EnumerateArray().Select(v => v.GetString()));
        var handoff = await fixture.HandoffAsync(eventId);
        Assert.Contains("cross-device", handoff.Reason);
    }

    [Fact]
    public async Task Of_two_clicks_of_one_platform_the_latest_wins()
    {
        var body = Purchase(Id("two"));
        var at = TimeOf(body);
        await Graph.ProfileAsync(Id("two"), Browser(at));
        await Graph.ClickAsync(Id("two"), "gclid", "first-click", at.AddDays(-10));
        await Graph.ClickAsync(Id("two"), "gclid", "second-click", at.AddDays(-2));

        var (eventId, sent) = await PostAndReadAsync(body);

        Assert.Equal("second-click", Map(sent, "click_ids")["gclid"]);
        Assert.DoesNotContain("first-click", sent.GetRawText());
        Assert.Contains("a later click of the same platform wins", (await fixture.HandoffAsync(eventId)).Reason);
    }

    [Fact]
    public async Task A_click_after_the_purchase_is_not_attached()
    {
        var body = Purchase(Id("after"));
        body["event_time"] = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        var at = TimeOf(body);
        await Graph.ProfileAsync(Id("after"), Browser(at));
        await Graph.ClickAsync(Id("after"), "fbclid", "later-click", at.AddHours(1));

        var (eventId, sent) = await PostAndReadAsync(body);

        Assert.Empty(Map(sent, "click_ids"));
        Assert.False(Map(sent, "browser_ids").ContainsKey("fbc"));
        Assert.Contains("captured after the conversion", (await fixture.HandoffAsync(eventId)).Reason);
    }

    [Fact]
    public async Task An_expired_click_is_not_attached()
    {
        var body = Purchase(Id("expired"));
        var at = TimeOf(body);
        await Graph.ProfileAsync(Id("expired"), Browser(at));
        await Graph.ClickAsync(Id("expired"), "fbclid", "nine-days", at.AddDays(-9));
        await Graph.ClickAsync(Id("expired"), "gclid", "forty-days", at.AddDays(-40));

        var (eventId, sent) = await PostAndReadAsync(body);

        Assert.Empty(Map(sent, "click_ids"));
        var reason = (await fixture.HandoffAsync(eventId)).Reason;
        Assert.Contains("older than the 7-day click window", reason);
        Assert.Contains("older than the 30-day click window", reason);
    }

    [Fact]
    public async Task Consent_denied_sends_to_no_ad_platform_and_records_why()
    {
        var body = Purchase(Id("denied"));
        var at = TimeOf(body);
        await Graph.ProfileAsync(Id("denied"), Browser(at, Granted with { AdStorage = "denied" }));
        await Graph.ClickAsync(Id("denied"), "fbclid", "denied-click", at.AddDays(-1));
        await fixture.Host.PostEventAsync(body);
        var eventId = (string)body["event_id"]!;

        var rows = await fixture.FinalRowsAsync(eventId);

        Assert.All(rows.Values, r =>
        {
            Assert.Equal(DeliveryState.Skipped, r.State);
            Assert.Equal("consent: ad_storage denied", r.Reason);
        });
        Assert.Contains("outbox: skipped (consent: ad_storage denied)", (await fixture.HandoffAsync(eventId)).Reason);
    }

    [Fact]
    public async Task Personalization_denied_is_sent_with_googles_flag()
    {
        var body = Purchase(Id("perso"));
        var at = TimeOf(body);
        await Graph.ProfileAsync(Id("perso"), Browser(at, Granted with { AdPersonalization = "denied" }));

        await PostAndReadAsync(body, "as-google");
        var rows = await fixture.FinalRowsAsync((string)body["event_id"]!);

        Assert.All(rows.Values, r => Assert.Equal(DeliveryState.Delivered, r.State));
        var handoff = await fixture.HandoffAsync((string)body["event_id"]!);
        Assert.Contains("as-google: sent (consent: granted; ad_personalization denied)", handoff.Reason);
    }

    [Fact]
    public async Task The_visitors_recorded_consent_is_what_the_outbox_shows_the_platform_was_told()
    {
        var body = Purchase(Id("told"));
        var at = TimeOf(body);
        await Graph.ProfileAsync(Id("told"), Browser(at, Granted with { AdPersonalization = "denied" }));

        var (_, sent) = await PostAndReadAsync(body);

        var consent = sent.GetProperty("consent");
        Assert.Equal("granted", consent.GetProperty("ad_user_data").GetString());
        Assert.Equal("denied", consent.GetProperty("ad_personalization").GetString());
    }

    [Fact]
    public async Task A_grant_the_event_carries_does_not_undo_the_visitors_recorded_denial()
    {
        var body = Purchase(Id("undo"));
        body["consent"] = new Dictionary<string, object?> { ["ad_storage"] = "granted", ["ad_user_data"] = "granted", ["analytics_storage"] = "granted" };
        var at = TimeOf(body);
        await Graph.ProfileAsync(Id("undo"), Browser(at, new ConsentState { AdStorage = "denied", AdUserData = "denied" }));
        await Graph.ClickAsync(Id("undo"), "gclid", "Cj0-undo", at.AddDays(-1));
        await fixture.Host.PostEventAsync(body);
        var eventId = (string)body["event_id"]!;

        var rows = await fixture.FinalRowsAsync(eventId);

        Assert.All(rows.Values, r => Assert.Equal("consent: ad_storage denied", r.Reason));
        Assert.Contains("a denial from either is honoured", (await fixture.HandoffAsync(eventId)).Reason);
    }

    [Fact]
    public async Task After_a_denial_and_a_new_grant_only_clicks_and_cookies_from_after_the_denial_are_attached()
    {
        var body = Purchase(Id("regrant"));
        var at = TimeOf(body);
        var withdrawn = at.AddDays(-2);
        // The browser's old _fbc (from the landing before the denial) came back with the new grant.
        await Graph.ProfileAsync(Id("regrant"), Browser(at) with
        {
            Fbc = $"fb.1.{at.AddDays(-3).ToUnixTimeMilliseconds()}.IwAR-before-denial",
            AdsWithdrawnAt = withdrawn,
            ConsentAt = at.AddDays(-1),
        });
        await Graph.ClickAsync(Id("regrant"), "gclid", "Cj0-before-denial", at.AddDays(-3));
        await Graph.ClickAsync(Id("regrant"), "ttclid", "E.C.P.after-grant", at.AddHours(-5));

        var (eventId, sent) = await PostAndReadAsync(body);

        var clicks = Map(sent, "click_ids");
        Assert.False(clicks.ContainsKey("gclid"));
        Assert.Equal("E.C.P.after-grant", clicks["ttclid"]);
        Assert.False(Map(sent, "browser_ids").ContainsKey("fbc"));
        Assert.Contains("created before the visitor denied ads consent", (await fixture.HandoffAsync(eventId)).Reason);
    }

    [Fact]
    public async Task A_us_sale_opt_out_goes_to_meta_and_tiktok_with_limited_data_use_and_nowhere_else()
    {
        var body = Purchase(country: "US");
        body["consent"] = new Dictionary<string, object?> { ["sale_of_data_opt_out"] = true };
        await fixture.Host.PostEventAsync(body);
        var eventId = (string)body["event_id"]!;

        var rows = await fixture.FinalRowsAsync(eventId);

        Assert.Equal(DeliveryState.Delivered, rows["as-meta"].State);
        Assert.Equal(DeliveryState.Delivered, rows["as-tiktok"].State);
        Assert.Equal(DeliveryState.Skipped, rows["as-google"].State);
        Assert.Equal("consent: US sale/share opt-out; google_ads has no limited-data mode", rows["as-google"].Reason);
        Assert.Equal("consent: US sale/share opt-out; outbox has no limited-data mode", rows["outbox"].Reason);
        var handoff = await fixture.HandoffAsync(eventId);
        Assert.Contains("as-meta: sent (consent: unknown, region US allows unknown; US sale/share opt-out: Meta LDU)", handoff.Reason);
        Assert.Contains("as-tiktok: sent (consent: unknown, region US allows unknown; US sale/share opt-out: TikTok limited_data_use)", handoff.Reason);
    }

    [Fact]
    public async Task Unknown_consent_in_the_eea_is_not_sent()
    {
        var body = Purchase(country: "DE");
        await fixture.Host.PostEventAsync(body);
        var eventId = (string)body["event_id"]!;

        var rows = await fixture.FinalRowsAsync(eventId);

        Assert.All(rows.Values, r => Assert.Equal("consent: unknown, region EEA denies unknown", r.Reason));
        Assert.Contains("region EEA", (await fixture.HandoffAsync(eventId)).Reason);
    }

    [Fact]
    public async Task Unknown_consent_of_an_eea_visitor_is_not_sent_after_waiting_once_for_it()
    {
        var body = Purchase(Id("eea"));
        var at = TimeOf(body);
        await Graph.ProfileAsync(Id("eea"), Browser(at) with { Consent = null, ConsentAt = null, Country = "FR" });
        await fixture.Host.PostEventAsync(body);
        var eventId = (string)body["event_id"]!;

        var rows = await fixture.FinalRowsAsync(eventId);

        Assert.All(rows.Values, r => Assert.Equal("consent: unknown, region EEA denies unknown", r.Reason));
        var handoff = await fixture.HandoffAsync(eventId);
        Assert.Equal(2, handoff.Attempts);
        Assert.Contains("no consent recorded", handoff.Reason);
    }

    [Fact]
    public async Task A_purchase_without_any_visitor_is_sent_with_the_hashed_identifiers_it_has()
    {
        var body = Purchase(email: $"nobody-{_run}@example.com");

        var (eventId, sent) = await PostAndReadAsync(body);

        Assert.Equal(64, sent.GetProperty("user_data").GetProperty("em").GetProperty("meta").GetString()!.Length);
        Assert.False(sent.TryGetProperty("click_ids", out _));
        Assert.False(sent.TryGetProperty("visitor_ids", out _));
        Assert.False(sent.TryGetProperty("client_ip_address", out _));
        Assert.False(sent.GetProperty("user_data").TryGetProperty("external_id", out _));
        Assert.DoesNotContain("nobody-", sent.GetRawText());
        Assert.StartsWith("matched by none; region US", (await fixture.HandoffAsync(eventId)).Reason);
    }

    [Fact]
    public async Task Conflicting_identities_keep_the_carried_visitors_click_and_not_the_other_persons()
    {
        var email = $"conflict-{_run}@example.com";
        var body = Purchase(Id("carried"), email);
        var at = TimeOf(body);
        await Graph.ProfileAsync(Id("carried"), Browser(at));
        await Graph.ClickAsync(Id("carried"), "fbclid", "carried-visitors-click", at.AddDays(-3));
        await Graph.ProfileAsync(Id("other"), Browser(at) with { Fbp = "fb.1.1.other" });
        await Graph.ClickAsync(Id("other"), "fbclid", "other-persons-click", at.AddDays(-1));
        await Graph.LinkEmailAsync(email, Id("other"), at.AddDays(-1));

        var (eventId, sent) = await PostAndReadAsync(body);

        Assert.Equal("carried-visitors-click", Map(sent, "click_ids")["fbclid"]);
        Assert.DoesNotContain("other-persons-click", sent.GetRawText());
        Assert.DoesNotContain(Id("other"), sent.GetRawText());
        Assert.Contains("identity conflict", (await fixture.HandoffAsync(eventId)).Reason);
    }

    [Fact]
    public async Task A_carried_visitor_that_never_appears_is_sent_without_visitor_data_after_one_wait()
    {
        var body = Purchase(Id("ghost"));

        var (eventId, sent) = await PostAndReadAsync(body);

        Assert.False(sent.TryGetProperty("click_ids", out _));
        var handoff = await fixture.HandoffAsync(eventId);
        Assert.Equal(2, handoff.Attempts);
        Assert.Contains($"carried visitor id {Id("ghost")} is not in the visitor graph", handoff.Reason);
    }

    [Fact]
    public async Task A_refund_is_not_sent_where_its_purchase_was_skipped_and_unmapped_destinations_say_so()
    {
        var purchase = Purchase(country: "DE");
        await fixture.Host.PostEventAsync(purchase);
        await fixture.FinalRowsAsync((string)purchase["event_id"]!);
        var refund = new Dictionary<string, object?>
        {
            ["event_name"] = "Refund",
            ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30,
            ["event_id"] = "refund_" + _run,
            ["action_source"] = "website",
            ["value"] = 249.00m,
            ["currency"] = "EUR",
            ["original_event_id"] = purchase["event_id"],
            ["consent"] = Granted,
        };
        await fixture.Host.PostEventAsync(refund);

        var rows = await fixture.FinalRowsAsync("refund_" + _run);

        Assert.Equal("not mapped: event 'Refund' is not in this destination's event map", rows["purchases-only"].Reason);
        Assert.StartsWith($"not sent: the event it corrects ({purchase["event_id"]}) was skipped", rows["outbox"].Reason);
    }
}
