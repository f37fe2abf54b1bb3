using System.Net;
using Azure.Data.Tables;
using Pipeline.Identity;
using Pipeline.IntegrationTests.Infrastructure;
using static Pipeline.IntegrationTests.Collect.Hits;

namespace Pipeline.IntegrationTests.Collect;

/// <summary>Visitor ids, cookies, click ids, the fbc, hashed identities and shop-supplied ids, as stored in Azurite.</summary>
public sealed class VisitorIdentityTests(CollectorFixture fixture) : IClassFixture<CollectorFixture>
{
    private CollectorHost Host => fixture.Host;

    [Fact]
    public async Task A_browser_without_any_id_gets_a_minted_visitor_in_an_HttpOnly_secure_lax_cookie()
    {
        var response = await Host.PostAsync(Body(null, Page()));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var vid = response.Vid!;
        Assert.Matches("^[A-Za-z0-9_-]{22}$", vid);
        Assert.Equal($"_pvh={vid}; Max-Age={400 * 86400}; Path=/; Secure; HttpOnly; SameSite=Lax", response.SetCookieLine("_pvh"));
        Assert.Contains("HttpOnly", response.SetCookieLine("_pvs"));
        var profile = await Host.ProfileAsync(vid);
        Assert.NotNull(profile);
        Assert.Equal(profile.GetDateTimeOffset("FirstSeen"), profile.GetDateTimeOffset("LastSeen"));
        Assert.Equal("127.0.0.1", profile.GetString("Ip"));
        Assert.Contains("Chrome", profile.GetString("UserAgent"));
        Assert.False(profile.GetBoolean("IsBot"));
    }

    [Fact]
    public async Task The_snippets_visitor_id_is_kept_and_answered_with_204()
    {
        var vid = NewVid();

        var response = await Host.PostAsync(Body(vid, Page()));

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Equal(vid, response.Cookie("_pvh"));
        Assert.NotNull(await Host.ProfileAsync(vid));
    }

    [Fact]
    public async Task The_HttpOnly_cookie_wins_over_the_snippets_id_and_the_answer_tells_the_page()
    {
        var (server, snippet) = (NewVid(), NewVid());

        var response = await Host.PostAsync(Body(snippet, Page()), new Dictionary<string, string> { ["_pvh"] = server });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(server, response.Vid);
        Assert.NotNull(await Host.ProfileAsync(server));
        Assert.Null(await Host.ProfileAsync(snippet));
    }

    [Fact]
    public async Task Without_a_body_id_the_pvid_mirror_cookie_names_the_visitor()
    {
        var vid = NewVid();

        var response = await Host.PostAsync(Body(null, Page()), new Dictionary<string, string> { ["_pvid"] = vid });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(vid, response.Vid);
        Assert.NotNull(await Host.ProfileAsync(vid));
    }

    [Fact]
    public async Task A_landing_stores_every_click_id_with_its_time_and_landing_url_and_indexes_it()
    {
        var vid = NewVid();
        var landedAt = Now - 1000;
        var url = "https://shop.example/p?fbclid=IwAR1Ab-C_d&gclid=Cj0KCQ&ttclid=E.C.P.tt1&msclkid=ms1";
        var clickIds = new Dictionary<string, string> { ["fbclid"] = "IwAR1Ab-C_d", ["gclid"] = "Cj0KCQ", ["ttclid"] = "E.C.P.tt1", ["msclkid"] = "ms1" };

        await Host.PostAsync(Body(vid, Page(url, clickIds, new Dictionary<string, string> { ["_fbp"] = $"fb.1.{landedAt}.1234567890" }, landedAt)));

        var rows = await Host.VisitorRowsAsync(vid);
        foreach (var (param, id) in clickIds)
        {
            var row = Assert.Single(rows, r => r.RowKey.StartsWith($"click~{param}~", StringComparison.Ordinal));
            Assert.Equal($"click~{param}~{landedAt:D13}", row.RowKey);
            Assert.Equal(param, row.GetString("Param"));
            Assert.Equal(id, row.GetString("ClickId"));
            Assert.Equal(landedAt, row.GetDateTimeOffset("CapturedAt")!.Value.ToUnixTimeMilliseconds());
            Assert.Equal(url, row.GetString("LandingUrl"));
            var index = await Host.Clicks.GetEntityAsync<TableEntity>($"{param}:{id}", vid);
            Assert.Equal(vid, index.Value.GetString("VisitorId"));
        }
        // No _fbc came with the body: the fbc is built server-side as Meta documents (subdomain index 1).
        var fbclidRow = rows.Single(r => r.RowKey.StartsWith("click~fbclid~", StringComparison.Ordinal));
        Assert.Equal($"fb.1.{landedAt}.IwAR1Ab-C_d", fbclidRow.GetString("Fbc"));
        var profile = rows.Single(r => r.RowKey == "profile");
        Assert.Equal($"fb.1.{landedAt}.IwAR1Ab-C_d", profile.GetString("Fbc"));
        Assert.Equal($"fb.1.{landedAt}.1234567890", profile.GetString("Fbp"));
    }

    [Fact]
    public async Task The_fbc_the_page_built_is_stored_and_a_second_landing_with_the_same_fbclid_keeps_its_time()
    {
        var vid = NewVid();
        var created = Now - 60_000;
        var fbc = $"fb.1.{created}.IwAR_same";
        var cookies = new Dictionary<string, string> { ["_fbc"] = fbc, ["_ga"] = "GA1.1.111.222", ["_ttp"] = "ttp-1" };

        await Host.PostAsync(Body(vid, Page(clickIds: new Dictionary<string, string> { ["fbclid"] = "IwAR_same" }, cookies: cookies, ts: created)));
        await Host.PostAsync(Body(vid, Page(clickIds: new Dictionary<string, string> { ["fbclid"] = "IwAR_same" }, cookies: cookies)));

        var rows = await Host.VisitorRowsAsync(vid);
        var click = Assert.Single(rows, r => r.RowKey.StartsWith("click~fbclid~", StringComparison.Ordinal));
        Assert.Equal(fbc, click.GetString("Fbc"));
        Assert.Equal(created, click.GetDateTimeOffset("CapturedAt")!.Value.ToUnixTimeMilliseconds());
        var profile = rows.Single(r => r.RowKey == "profile");
        Assert.Equal(fbc, profile.GetString("Fbc"));
        Assert.Equal("111.222", profile.GetString("GaClientId"));
        Assert.Equal("ttp-1", profile.GetString("Ttp"));
    }

    [Fact]
    public async Task Oversized_or_malformed_click_ids_and_fbc_values_are_dropped_not_stored()
    {
        var vid = NewVid();
        var clickIds = new Dictionary<string, string> { ["fbclid"] = new string('a', 501), ["gclid"] = "has space", ["ttclid"] = "tt\u00e9" };
        var cookies = new Dictionary<string, string> { ["_fbc"] = "fb.1.notatime.IwAR", ["_fbp"] = "fbp-garbage" };

        var response = await Host.PostAsync(Body(vid, Page(clickIds: clickIds, cookies: cookies)));

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        // With every value dropped the hit is bare: nothing at all is stored for the visitor.
        Assert.Empty(await Host.VisitorRowsAsync(vid));
        Assert.False((await Host.Clicks.GetEntityIfExistsAsync<TableEntity>("gclid:has space", vid)).HasValue);
    }

    [Fact]
    public async Task A_bare_hit_stores_no_visitor_but_gives_the_browser_its_id_and_the_first_landing_with_a_click_stores_it()
    {
        var bare = await Host.PostAsync(Body(null, BarePage()));

        Assert.Equal(HttpStatusCode.OK, bare.Status);
        var vid = bare.Vid!;
        Assert.Empty(await Host.VisitorRowsAsync(vid));

        var cookies = new Dictionary<string, string> { ["_pvh"] = bare.Cookie("_pvh")!, ["_pvs"] = bare.Cookie("_pvs")! };
        Assert.Equal(HttpStatusCode.NoContent, (await Host.PostAsync(Body(vid, BarePage()), cookies)).Status);
        Assert.Empty(await Host.VisitorRowsAsync(vid));

        await Host.PostAsync(Body(vid, Page("https://shop.example/p?gclid=G-bare", new Dictionary<string, string> { ["gclid"] = "G-bare" },
            cookies: new Dictionary<string, string>())), cookies);
        var profile = await Host.ProfileAsync(vid);
        Assert.NotNull(profile);
        Assert.NotNull(profile.GetDateTimeOffset("FirstSeen"));
        Assert.Contains(await Host.VisitorRowsAsync(vid), r => r.RowKey.StartsWith("click~", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Identify_links_hashed_identities_to_the_visitor_and_stores_no_plaintext_anywhere()
    {
        var vid = NewVid();
        var email = $"Ann.{Guid.NewGuid():N}@Example.com";
        const string phone = "030 1234567";
        var externalId = "cust-" + Guid.NewGuid().ToString("N")[..8];

        var response = await Host.PostAsync(Body(vid, Identify(email, phone, externalId)));

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        var hashed = UserDataHasher.Hash(new RawUserData { Email = email, Phone = phone, ExternalId = externalId }, "DE");
        foreach (var partition in new[]
                 {
                     $"em:{IdentityKeys.EmailKey(hashed)}", $"ph:{IdentityKeys.PhoneKey(hashed)}", $"xid:{IdentityKeys.ExternalIdKey(hashed)}",
                 })
        {
            var row = await Host.Identities.GetEntityAsync<TableEntity>(partition, vid);
            Assert.NotNull(row.Value.GetDateTimeOffset("LinkedAt"));
        }
        Assert.Equal(UserDataHasher.Sha256Hex("49301234567"), IdentityKeys.PhoneKey(hashed));
        var everything = await Host.DumpAllTablesAsync();
        Assert.DoesNotContain(email, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email.Split('@')[0], everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("1234567\"", everything);
        Assert.DoesNotContain(externalId, everything);
    }

    [Fact]
    public async Task Shop_supplied_visitor_ids_are_linked_in_the_forms_orders_carry()
    {
        var vid = NewVid();
        var client = "c/" + Guid.NewGuid().ToString("N")[..8] + "#?";
        var token = "tok" + Guid.NewGuid().ToString("N")[..8];
        var links = new Dictionary<string, string>
        {
            ["shopify_client_id"] = client, ["checkout_token"] = token, ["shopify_customer_id"] = "42", ["shop"] = "demo.myshopify.com",
        };

        var response = await Host.PostAsync(Body(vid, Event("Purchase", "purchase_" + token, new { value = 10, currency = "EUR" }, links)));

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        foreach (var id in new[]
                 {
                     Pipeline.Collect.LinkedVisitorIds.ShopifyClient(client),
                     Pipeline.Sources.Shopify.ShopifyKeys.CheckoutVisitor(token),
                     Pipeline.Sources.Shopify.ShopifyKeys.CustomerVisitor("demo.myshopify.com", "42"),
                 })
        {
            var partition = Pipeline.Storage.TableKeys.Encode("link:" + id);
            Assert.DoesNotContain('/', partition);
            Assert.DoesNotContain('#', partition);
            Assert.True((await Host.Identities.GetEntityIfExistsAsync<TableEntity>(partition, vid)).HasValue, id);
        }
    }

    [Fact]
    public async Task A_known_bot_is_recorded_as_such_gets_no_cookie_and_nothing_is_forwarded()
    {
        var vid = NewVid();
        var eventId = "ev_" + Guid.NewGuid().ToString("N");

        var response = await Host.PostAsync(
            Body(vid, Page(clickIds: new Dictionary<string, string> { ["fbclid"] = "IwAR_bot" }), Event("ViewContent", eventId)),
            headers: new Dictionary<string, string> { ["User-Agent"] = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" });

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Empty(response.SetCookies);
        var rows = await Host.VisitorRowsAsync(vid);
        var profile = Assert.Single(rows);
        Assert.True(profile.GetBoolean("IsBot"));
        Assert.DoesNotContain(await Host.QueuedEventsAsync(), e => e.GetProperty("event_id").GetString() == eventId);
        Assert.False((await Host.Clicks.GetEntityIfExistsAsync<TableEntity>("fbclid:IwAR_bot", vid)).HasValue);
    }

    [Fact]
    public async Task An_anonymous_body_stores_nothing_sets_no_cookie_and_forwards_nothing()
    {
        var eventId = "ev_" + Guid.NewGuid().ToString("N");

        var response = await Host.PostAsync(Anonymous(Page("https://shop.example/p"), Event("AddToCart", eventId)),
            new Dictionary<string, string> { ["_pvid"] = "vAnonymousMirror1" });

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Empty(response.SetCookies);
        Assert.Empty(await Host.VisitorRowsAsync("vAnonymousMirror1"));
        Assert.DoesNotContain(await Host.QueuedEventsAsync(), e => e.GetProperty("event_id").GetString() == eventId);
    }

    [Fact]
    public async Task In_a_consent_region_nothing_is_stored_until_consent_is_granted()
    {
        var vid = NewVid();
        var eea = new Dictionary<string, string> { ["X-Country"] = "de" };

        var before = await Host.PostAsync(Body(vid, Page()), headers: eea);
        Assert.Equal(HttpStatusCode.NoContent, before.Status);
        Assert.Empty(before.SetCookies);
        Assert.Empty(await Host.VisitorRowsAsync(vid));

        var granted = await Host.PostAsync(Body(vid, Page(), Consent(true)), headers: eea);
        Assert.Equal(HttpStatusCode.NoContent, granted.Status);
        var profile = await Host.ProfileAsync(vid);
        Assert.Equal("DE", profile!.GetString("Country"));
        Assert.Contains("\"ad_storage\":\"granted\"", profile.GetString("Consent"));
        Assert.NotNull(profile.GetDateTimeOffset("ConsentAt"));

        // A later body without a consent item: the state cookie remembers the grant.
        var later = await Host.PostAsync(Body(vid, Identify(externalId: "x-" + vid)), new Dictionary<string, string>
        {
            ["_pvh"] = vid, ["_pvs"] = granted.Cookie("_pvs")!,
        }, eea);
        Assert.Equal(HttpStatusCode.NoContent, later.Status);
        Assert.NotEmpty(later.SetCookies);
    }

    [Fact]
    public async Task A_body_that_denies_ads_storage_stores_nothing_but_the_denial_whatever_else_it_claims()
    {
        var vid = NewVid();

        var response = await Host.PostAsync(Body(vid, Page(clickIds: new Dictionary<string, string> { ["gclid"] = "Cj0-denied-" + vid }),
            Identify(email: "denied@example.com"), Event("AddToCart", "atc-" + vid), Consent(false)));

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Null(response.Cookie("_pvh"));
        var row = Assert.Single(await Host.VisitorRowsAsync(vid));
        Assert.Equal("profile", row.RowKey);
        Assert.Equal(["AdsWithdrawnAt", "Consent", "ConsentAt", "IsBot"],
            row.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Order().ToArray());
        Assert.Contains("\"ad_storage\":\"denied\"", row.GetString("Consent"));
        Assert.Empty(await Host.Identities.QueryAsync<TableEntity>(e => e.RowKey == vid).ToListAsync());
        Assert.DoesNotContain(await Host.QueuedEventsAsync(), e => e.GetProperty("event_id").GetString() == "atc-" + vid);
    }

    [Theory]
    [InlineData("198.51.100.1, 2001:db8::7", "2001:db8::7")]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("[2001:db8::8]:4711", "2001:db8::8")]
    [InlineData("not-an-address", "127.0.0.1")]
    public async Task The_address_comes_from_the_trusted_proxy_header_right_most_entry(string header, string expected)
    {
        var vid = NewVid();

        await Host.PostAsync(Body(vid, Page()), headers: new Dictionary<string, string> { ["X-Forwarded-For"] = header });

        Assert.Equal(expected, (await Host.ProfileAsync(vid))!.GetString("Ip"));
    }

    [Fact]
    public async Task A_stored_IPv6_address_is_kept_over_a_later_IPv4_one()
    {
        var vid = NewVid();
        var first = await Host.PostAsync(Body(vid, Page()), headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "2001:db8::9" });

        await Host.PostAsync(Body(vid, Page(cookies: new Dictionary<string, string> { ["_fbp"] = "fb.1.1.2" })),
            new Dictionary<string, string> { ["_pvh"] = vid, ["_pvs"] = first.Cookie("_pvs")! },
            new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.10" });

        var profile = await Host.ProfileAsync(vid);
        Assert.Equal("fb.1.1.2", profile!.GetString("Fbp"));
        Assert.Equal("2001:db8::9", profile.GetString("Ip"));
    }
}
