using System.Text;
using Pipeline.Collect;
using Pipeline.Ingest;
using Pipeline.Sources;
using Pipeline.Sources.Shopify;
using static Pipeline.UnitTests.Sources.Shopify.ShopifyPayloads;

namespace Pipeline.UnitTests.Privacy;

/// <summary>Every place a URL enters the pipeline hands on the scrubbed URL, never the one it was given.</summary>
public sealed class UrlEntryPointsTests
{
    private const string Landing = "https://shop.example/?utm_source=newsletter&email=jane%40example.com&phone=%2B16505551212&gclid=Cj0KCQ";
    private const string Scrubbed = "https://shop.example/?utm_source=newsletter&gclid=Cj0KCQ";
    private const string Referrer = "https://mail.example/read?to=jane%40example.com&folder=inbox";

    private static HitBatch Parse(string json)
    {
        var result = HitParser.Parse(Encoding.UTF8.GetBytes(json), 20);
        Assert.True(result.IsValid, result.Error);
        return result.Batch;
    }

    [Fact]
    public void The_collector_keeps_a_page_views_url_and_referrer_scrubbed_and_reads_utm_from_what_is_left()
    {
        var batch = Parse($$$"""{"v":1,"vid":"k3x9a1b2c3d4e5f6","e":[{"t":"hit","ts":1712345678901,"u":"{{{Landing}}}","r":"{{{Referrer}}}","ck":{"gclid":"Cj0KCQ"}}]}""");

        var hit = Assert.IsType<PageHit>(Assert.Single(batch.Items));
        Assert.Equal(Scrubbed, hit.Url);
        Assert.Equal("https://mail.example/read?folder=inbox", hit.Referrer);
        Assert.Equal("Cj0KCQ", hit.ClickIds["gclid"]);
        Assert.Equal(new Dictionary<string, string> { ["source"] = "newsletter" }, hit.Utm);
    }

    [Fact]
    public void The_collector_keeps_a_browser_events_url_scrubbed()
    {
        var batch = Parse($$$"""{"v":1,"vid":"k3x9a1b2c3d4e5f6","e":[{"t":"ev","ts":1712345678901,"n":"ViewContent","id":"vc_1","u":"{{{Landing}}}"}]}""");

        Assert.Equal(Scrubbed, Assert.IsType<BrowserEventHit>(Assert.Single(batch.Items)).Url);
    }

    [Fact]
    public void An_email_cut_in_half_by_the_length_limit_is_still_found_because_the_url_is_scrubbed_first()
    {
        var url = "https://shop.example/?pad=" + new string('x', 2048 - 40) + "&ref=jane.doe.long.name%40example.com";
        var batch = Parse($$$"""{"v":1,"vid":"k3x9a1b2c3d4e5f6","e":[{"t":"hit","ts":1712345678901,"u":"{{{url}}}"}]}""");

        var hit = Assert.IsType<PageHit>(Assert.Single(batch.Items));
        Assert.DoesNotContain("jane", hit.Url);
    }

    [Fact]
    public void The_server_api_keeps_event_source_url_and_referrer_url_scrubbed()
    {
        var (evt, error) = ServerEventValidator.Validate(new ServerEvent
        {
            EventName = "Lead", EventTime = 1_700_000_000, EventId = "lead_1", ActionSource = "website",
            EventSourceUrl = Landing, ReferrerUrl = Referrer,
        }, DateTimeOffset.FromUnixTimeSeconds(1_700_000_100), "US");

        Assert.Null(error);
        Assert.Equal(Scrubbed, evt!.EventSourceUrl);
        Assert.Equal("https://mail.example/read?folder=inbox", evt.ReferrerUrl);
    }

    [Fact]
    public void A_shopify_order_keeps_the_click_ids_of_a_landing_site_full_of_personal_data_and_nothing_else_of_it()
    {
        var order = Order();
        order["landing_site"] = "/?utm_source=newsletter&email=jane%40example.com&phone=%2B16505551212&gclid=Cj0KCQ";
        order["order_status_url"] = "https://jane:pw@harbour-supply.example/71234567/orders/3f4e5d6c7b8a/authenticate?key=a1b2c3&email=jane%40example.com";

        var purchase = Assert.Single(Assert.IsType<WebhookAccepted>(Deliver(order, ShopifyTopics.OrdersPaid)).Conversions).Event;

        Assert.Equal(new Dictionary<string, string> { ["gclid"] = "Cj0KCQ" }, purchase.ClickIds);
        Assert.Equal("https://harbour-supply.example/71234567/orders/3f4e5d6c7b8a/authenticate", purchase.EventSourceUrl);
        var json = Pipeline.Configuration.Json.Serialize(purchase);
        Assert.DoesNotContain("jane", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("6505551212", json);
    }
}
