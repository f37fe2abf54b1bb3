using System.Net;
using System.Text.Json.Nodes;
using Pipeline.IntegrationTests.Foundation;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.IntegrationTests.Sources;
using Pipeline.Ledger;
using Xunit.Abstractions;

namespace Pipeline.IntegrationTests.Browser;

/// <summary>
/// A visitor lands from three ads (fbclid, gclid, ttclid), the shop's banner then denies everything through the
/// snippet's consent API, and the visitor buys. Whatever the region and whichever source reports the purchase, no
/// platform hears of it, the ledger says it was the denial, and what the landing captured is gone.
/// </summary>
public sealed class ConsentDenialJourneyTests(ConsentJourneyHost fixture, ITestOutputHelper output) : IClassFixture<ConsentJourneyHost>
{
    public static TheoryData<string, string> Journeys()
    {
        var data = new TheoryData<string, string>();
        foreach (var country in new[] { "US", "AU", "DE" })
            foreach (var source in new[] { "shopify", "stripe", "api" })
                data.Add(country, source);
        return data;
    }

    [Theory]
    [MemberData(nameof(Journeys))]
    public async Task A_visitor_who_denies_after_landing_from_three_ads_reaches_no_platform(string country, string source)
    {
        if (!HeadlessChromium.IsAvailable(out var reason))
        {
            output.WriteLine("Skipped: " + reason);
            return;
        }
        var clicks = AdClicks.New();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var (page, vid) = await fixture.LandAsync(chromium, country, clicks);

        // The shop's banner: "Decline" calls pq.consent with every signal denied.
        await page.ClickAsync("#consent-decline");
        var consent = await fixture.RecordedConsentAsync(vid, c => (string?)c["ad_storage"] == "denied", "the recorded denial");
        Assert.Equal("denied", (string?)consent["ad_user_data"]);
        Assert.Equal("denied", (string?)consent["analytics_storage"]);

        // The denial withdrew what the landing captured for ads: no click rows, no click index rows, no cookies kept.
        // (The denial is written first, then the clicks are erased: the answer to the snippet waits for both.)
        await Eventually.True(async () => (await fixture.ClickRowsAsync(vid)).Count == 0, "the landing's click rows erased");
        await Eventually.True(async () =>
        {
            var dump = await TablesTextAsync();
            return clicks.All.All(click => !dump.Contains(click, StringComparison.Ordinal));
        }, "no click id left in the visitors and clicks tables");
        var profile = (await fixture.Host.Table("visitors").GetEntityAsync<Azure.Data.Tables.TableEntity>(vid, "profile")).Value;
        foreach (var kept in new[] { "Fbc", "Fbp", "Ttp", "Ip", "UserAgent" }) Assert.False(profile.ContainsKey(kept), kept);
        Assert.NotNull(profile.GetDateTimeOffset("AdsWithdrawnAt"));

        var eventId = await BuyAsync(source, vid, country, clicks);

        var rows = await fixture.FinalRowsAsync(eventId);
        foreach (var ad in new[] { ConsentJourneyHost.MetaId, ConsentJourneyHost.TikTokId, ConsentJourneyHost.GoogleId })
        {
            Assert.Equal(DeliveryState.Skipped, rows[ad].State);
            Assert.Equal("consent: ad_storage denied", rows[ad].Reason);
        }
        Assert.Equal(DeliveryState.Skipped, rows[ConsentJourneyHost.Ga4Id].State);
        Assert.Equal("consent: analytics_storage denied", rows[ConsentJourneyHost.Ga4Id].Reason);
        Assert.Contains($"consent recorded by visitor {vid}", rows[DeliveryLedger.MatchRow].Reason);

        var orderMarker = eventId.Replace("purchase_", "", StringComparison.Ordinal);
        foreach (var body in fixture.EveryPlatformBody())
        {
            Assert.DoesNotContain(orderMarker, body);
            foreach (var click in clicks.All) Assert.DoesNotContain(click, body);
        }
    }

    /// <summary>The purchase through <paramref name="source"/>, carrying the visitor id as that source does; returns its event id.</summary>
    private async Task<string> BuyAsync(string source, string vid, string country, AdClicks clicks)
    {
        var now = DateTimeOffset.UtcNow;
        var order = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000);
        switch (source)
        {
            case "shopify":
            {
                var body = ShopifyPayloads.Order(order);
                body["note_attributes"] = new JsonArray(new JsonObject { ["name"] = "_pvid", ["value"] = vid });
                body["landing_site"] = new Uri(fixture.Landing(clicks)).PathAndQuery;
                body["created_at"] = now.AddSeconds(-2).ToString("O");
                body["processed_at"] = now.ToString("O");
                foreach (var address in new[] { "billing_address", "shipping_address" })
                    if (body[address] is JsonObject a) a["country_code"] = country;
                var bytes = ShopifyPayloads.Bytes(body);
                var response = await fixture.Host.PostShopifyAsync(bytes, ShopifyPayloads.Headers(bytes, "orders/paid", webhookId: Guid.NewGuid().ToString()));
                Assert.True(response.IsSuccessStatusCode, $"Shopify webhook answered {response.StatusCode}");
                return Assert.Single(await response.EnqueuedAsync());
            }
            case "stripe":
            {
                var session = "cs_live_" + order;
                var body = StripePayloads.CheckoutSessionCompleted("evt_" + order, session, "pi_" + order);
                body["created"] = now.ToUnixTimeSeconds();
                var data = body["data"]!["object"]!.AsObject();
                data["client_reference_id"] = vid;
                data["metadata"] = new JsonObject { ["_pvid"] = vid };
                data["customer_details"]!["address"]!["country"] = country.ToLowerInvariant();
                var text = body.ToJsonString();
                var response = await fixture.Host.PostStripeAsync(text, StripePayloads.SignatureHeader(text));
                Assert.True(response.IsSuccessStatusCode, $"Stripe webhook answered {response.StatusCode}");
                return Assert.Single(await response.EnqueuedAsync());
            }
            default:
            {
                var body = EventBuilder.Purchase($"purchase_{order}");
                body["event_time"] = now.ToUnixTimeSeconds();
                body["order_id"] = order.ToString();
                body["visitor_id"] = vid;
                body["country"] = country;
                var response = await fixture.Host.PostEventAsync(body);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                return $"purchase_{order}";
            }
        }
    }

    private async Task<string> TablesTextAsync()
    {
        var text = new System.Text.StringBuilder();
        foreach (var table in new[] { "visitors", "clicks" })
            await foreach (var row in fixture.Host.Table(table).QueryAsync<Azure.Data.Tables.TableEntity>())
                text.AppendLine(System.Text.Json.JsonSerializer.Serialize(row));
        return text.ToString();
    }
}
