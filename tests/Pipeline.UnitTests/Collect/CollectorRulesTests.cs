using Pipeline.Collect;

namespace Pipeline.UnitTests.Collect;

public sealed class CollectorRulesTests
{
    [Theory]
    [InlineData("GA1.1.123456789.1712345678", "123456789.1712345678")]
    [InlineData("GA1.2.5.6", "5.6")]
    [InlineData("GA1.1.abc.6", null)]
    [InlineData("junk", null)]
    public void The_GA_client_id_is_the_last_two_fields_of_ga(string cookie, string? expected) =>
        Assert.Equal(expected, PlatformCookies.GaClientId(cookie));

    [Theory]
    [InlineData("GS1.1.1712345678.3.1.1712345690.0.0.0", "1712345678")]
    [InlineData("GS2.1.s1712345678$o1$g1$t1712345690$j0$l0$h0", "1712345678")]
    [InlineData("GS2.1.x1$o1", null)]
    public void The_GA4_session_id_is_read_from_both_cookie_formats(string cookie, string? expected) =>
        Assert.Equal(expected, PlatformCookies.GaSessionId(cookie));

    [Fact]
    public void An_fbc_or_gcl_cookie_gives_the_capture_time_only_for_its_own_click_id()
    {
        Assert.Equal(1712345678901, PlatformCookies.FbcCreatedMs("fb.1.1712345678901.IwAR1", "IwAR1"));
        Assert.Null(PlatformCookies.FbcCreatedMs("fb.1.1712345678901.IwAR1", "IwAR2"));
        Assert.Equal(1712345678000, PlatformCookies.GclidStoredMs("GCL.1712345678.Cj0.KC", "Cj0.KC"));
        Assert.Null(PlatformCookies.GclidStoredMs("GCL.1712345678.Cj0", "other"));
    }

    [Theory]
    [InlineData("EEA", "de", true)]
    [InlineData("EEA", "NO", true)]
    [InlineData("EEA", "GB", false)]
    [InlineData("EEA,UK", "GB", true)]
    [InlineData("EU", "NO", false)]
    [InlineData("CH", "ch", true)]
    [InlineData("EEA", null, false)]
    [InlineData("", "DE", false)]
    public void Consent_regions_expand_groups_and_never_match_an_unknown_country(string setting, string? country, bool expected) =>
        Assert.Equal(expected, new ConsentRegions(setting).RequiresConsent(country));

    [Theory]
    [InlineData(null, "shop.example", CollectorCors.Verdict.NoOrigin)]
    [InlineData("https://shop.example", "collector.example", CollectorCors.Verdict.Allowed)]
    [InlineData("https://shop.example/", "collector.example", CollectorCors.Verdict.Allowed)]
    [InlineData("https://www.shop.example", "www.shop.example", CollectorCors.Verdict.SameOrigin)]
    [InlineData("http://www.shop.test:5000", "www.shop.test:5000", CollectorCors.Verdict.SameOrigin)]
    [InlineData("https://evil.example", "collector.example", CollectorCors.Verdict.Denied)]
    [InlineData("null", "collector.example", CollectorCors.Verdict.Denied)]
    public void Cors_allows_the_own_origin_and_the_listed_shops(string? origin, string host, CollectorCors.Verdict expected) =>
        Assert.Equal(expected, CollectorCors.Decide(origin, host, ["https://shop.example"]));

    [Fact]
    public void Shop_link_ids_become_the_visitor_ids_orders_carry()
    {
        var ids = LinkedVisitorIds.From(new Dictionary<string, string>
        {
            ["shopify_client_id"] = "abc/1", ["checkout_token"] = "tok", ["shopify_customer_id"] = "42", ["shop"] = "s.myshopify.com",
            ["unknown"] = "x",
        });

        Assert.Equal(["shopify-checkout:tok", "shopify-client:abc%2F1", "shopify-customer:s.myshopify.com:42"], ids);
    }

    [Fact]
    public void Minted_visitor_ids_are_22_url_safe_characters_and_differ()
    {
        var generator = new RandomVisitorIdGenerator(System.Security.Cryptography.RandomNumberGenerator.Create());
        var (a, b) = (generator.NewId(), generator.NewId());

        Assert.Matches("^[A-Za-z0-9_-]{22}$", a);
        Assert.NotEqual(a, b);
        Assert.True(CollectorCookies.IsVisitorId(a));
    }

    [Fact]
    public void Request_cookies_keep_their_bytes()
    {
        var cookies = RequestCookies.Parse("_fbc=fb.1.1.IwAR%2Fx; _pvid=\"abc\"; bad; _fbc=second");

        Assert.Equal("fb.1.1.IwAR%2Fx", cookies["_fbc"]);
        Assert.Equal("abc", cookies["_pvid"]);
    }
}
