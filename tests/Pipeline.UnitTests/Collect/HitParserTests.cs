using System.Text;
using Pipeline.Collect;

namespace Pipeline.UnitTests.Collect;

public class HitParserTests
{
    private const int MaxItems = 20;
    private const string Fbc = "fb.1.1712345678901.IwAR2xYz-AbC_9";

    private static HitParseResult Parse(string json) => HitParser.Parse(Encoding.UTF8.GetBytes(json), MaxItems);

    private static HitBatch Valid(string json)
    {
        var result = Parse(json);
        Assert.True(result.IsValid, result.Error);
        return result.Batch;
    }

    private static string Body(string items, string vid = "\"k3x9a1b2c3d4e5f6\"", string extra = "") =>
        $$"""{"v":1,"vid":{{vid}}{{extra}},"e":[{{items}}]}""";

    private static PageHit SingleHit(string hitFields) =>
        Assert.IsType<PageHit>(Assert.Single(Valid(Body($$"""{"t":"hit","ts":1712345678901{{hitFields}}}""")).Items));

    [Fact]
    public void Good_batch_with_every_item_type_is_read_in_order()
    {
        var batch = Valid(Body($$$"""
            {"t":"hit","ts":1712345678901,"pv":"lw0abc123","u":"https://shop.example/p?fbclid=IwAR2xYz-AbC_9&utm_source=ig&utm_campaign=Spring%20Sale","r":"https://l.facebook.com/",
             "ck":{"fbclid":"IwAR2xYz-AbC_9","gclid":"Cj0KCQ"},"c":{"_fbc":"{{{Fbc}}}","_fbp":"fb.1.1712345678901.1234567890","_ga":"GA1.1.123.456"}},
            {"t":"ev","ts":1712345679000,"n":"Purchase","id":"purchase_123","u":"https://shop.example/thanks",
             "p":{"value":49.9,"currency":"eur","order_id":"123","contents":[{"id":"sku-1","quantity":2,"price":24.95,"name":"Mug"}],"other":{"x":[1]}},
             "x":{"shopify_client_id":"cid-1","checkout_token":"tok"}},
            {"t":"id","ts":1712345679100,"email":"Ann@Example.com","phone":"+33 6 12 34 56 78","externalId":"cust-9"},
            {"t":"cs","ts":1712345679200,"ad_storage":"granted","analytics_storage":"denied","ad_user_data":"granted","ad_personalization":"denied","sale_of_data_opt_out":true}
            """));

        Assert.Equal(1, batch.Version);
        Assert.Equal("k3x9a1b2c3d4e5f6", batch.VisitorId);
        Assert.False(batch.Anonymous);
        Assert.Equal(0, batch.DroppedItems);
        Assert.Collection(batch.Items,
            item =>
            {
                var hit = Assert.IsType<PageHit>(item);
                Assert.Equal(1712345678901, hit.ClientTimeMs);
                Assert.Equal("lw0abc123", hit.PageViewId);
                Assert.Equal("https://l.facebook.com/", hit.Referrer);
                Assert.Equal(new Dictionary<string, string> { ["fbclid"] = "IwAR2xYz-AbC_9", ["gclid"] = "Cj0KCQ" }, hit.ClickIds);
                Assert.Equal(Fbc, hit.Cookies["_fbc"]);
                Assert.Equal(3, hit.Cookies.Count);
                Assert.Equal(new Dictionary<string, string> { ["source"] = "ig", ["campaign"] = "Spring Sale" }, hit.Utm);
            },
            item =>
            {
                var ev = Assert.IsType<BrowserEventHit>(item);
                Assert.Equal(("Purchase", "purchase_123"), (ev.Name, ev.EventId));
                Assert.Equal(49.9m, ev.Value);
                Assert.Equal("EUR", ev.Currency);
                Assert.Equal("123", ev.OrderId);
                var content = Assert.Single(ev.Contents!);
                Assert.Equal(("sku-1", 2, 24.95m, "Mug"), (content.Id, content.Quantity, content.Price, content.Name));
                Assert.Equal("cid-1", ev.LinkIds!["shopify_client_id"]);
                Assert.Equal("tok", ev.LinkIds["checkout_token"]);
            },
            item =>
            {
                var id = Assert.IsType<IdentifyHit>(item);
                Assert.Equal("Ann@Example.com", id.User.Email);
                Assert.Equal("+33 6 12 34 56 78", id.User.Phone);
                Assert.Equal("cust-9", id.User.ExternalId);
                Assert.DoesNotContain("Ann", id.ToString());
            },
            item =>
            {
                var consent = Assert.IsType<ConsentHit>(item).Consent;
                Assert.Equal(("granted", "denied", "granted", "denied"),
                    (consent.AdStorage, consent.AnalyticsStorage, consent.AdUserData, consent.AdPersonalization));
                Assert.True(consent.SaleOfDataOptOut);
                Assert.Equal(1712345679, consent.Time);
            });
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "", "empty" },
        { "not json", "JSON" },
        { "[1,2]", "object" },
        { """{"e":[]}""", "v must be 1" },
        { """{"v":2,"e":[]}""", "v must be 1" },
        { """{"v":"1","e":[]}""", "v must be 1" },
        { """{"v":1}""", "e must be an array" },
        { """{"v":1,"e":{}}""", "e must be an array" },
        { """{"v":1,"vid":7,"e":[]}""", "vid must be a string" },
        { """{"v":1,"a":"yes","e":[]}""", "a must be true or false" },
        { """{"v":1,"e":[1]}""", "e[0] must be an object" },
        { """{"v":1,"e":[{"ts":1}]}""", "e[0].t must be a string" },
        { """{"v":1,"e":[{"t":5,"ts":1}]}""", "e[0].t must be a string" },
        { """{"v":1,"e":[{"t":"hit"}]}""", "e[0].ts" },
        { """{"v":1,"e":[{"t":"hit","ts":"1712345678901"}]}""", "e[0].ts" },
        { """{"v":1,"e":[{"t":"hit","ts":1.5}]}""", "e[0].ts" },
        { """{"v":1,"e":[{"t":"hit","ts":-1}]}""", "e[0].ts" },
        { """{"v":1,"e":[{"t":"hit","ts":1e400}]}""", "e[0].ts" },
        { """{"v":1,"e":[{"t":"hit","ts":99999999999999999999999999}]}""", "e[0].ts" },
        { """{"v":1,"e":[{"t":"hit","ts":1,"u":42}]}""", "e[0].u must be a string" },
        { """{"v":1,"e":[{"t":"hit","ts":1,"ck":"fbclid=x"}]}""", "e[0].ck must be an object" },
        { """{"v":1,"e":[{"t":"hit","ts":1,"ck":{"gclid":123}}]}""", "e[0].ck values must be strings" },
        { """{"v":1,"e":[{"t":"hit","ts":1,"c":[]}]}""", "e[0].c must be an object" },
        { """{"v":1,"e":[{"t":"ev","ts":1,"n":["Purchase"],"id":"x"}]}""", "e[0].n must be a string" },
        { """{"v":1,"e":[{"t":"ev","ts":1,"n":"Lead","id":"x","x":"cid"}]}""", "e[0].x must be an object" },
        { """{"v":1,"e":[{"t":"id","ts":1,"email":{"a":1}}]}""", "e[0].email must be a string" },
        { """{"v":1,"e":[{"t":"cs","ts":1,"ad_storage":true}]}""", "e[0].ad_storage must be a string" },
        { """{"v":1,"e":[{"t":"cs","ts":1,"sale_of_data_opt_out":"yes"}]}""", "e[0].sale_of_data_opt_out must be true or false" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void Malformed_body_is_refused_with_a_reason(string json, string reason)
    {
        var result = Parse(json);

        Assert.False(result.IsValid);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void More_items_than_allowed_is_refused()
    {
        var items = string.Join(",", Enumerable.Repeat("""{"t":"cs","ts":1}""", MaxItems + 1));

        Assert.Contains("more than 20 items", Parse(Body(items)).Error);
    }

    [Fact]
    public void Body_over_64_KiB_is_refused_before_parsing()
    {
        var json = Body($$"""{"t":"hit","ts":1,"u":"{{new string('a', HitLimits.MaxBodyBytes)}}"}""");

        Assert.Contains("larger than 65536", Parse(json).Error);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes(Body("""{"t":"hit","ts":1,"u":"https://x/#"}""")).ToList();
        bytes.Insert(bytes.IndexOf((byte)'#'), 0xC3);

        var result = HitParser.Parse(bytes.ToArray(), MaxItems);

        Assert.Equal("body is not valid UTF-8", result.Error);
    }

    [Fact]
    public void Deep_nesting_is_refused_even_inside_ignored_params()
    {
        var deep = new string('[', 100) + new string(']', 100);

        var result = Parse(Body($$$"""{"t":"ev","ts":1,"n":"Lead","id":"l1","p":{"junk":{{{deep}}}}}"""));

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Unknown_item_types_and_events_without_a_usable_name_or_id_are_dropped_and_counted()
    {
        var batch = Valid(Body($$"""
            {"t":"future","ts":1,"whatever":[1,2]},
            {"t":"ev","ts":1,"n":"Lead"},
            {"t":"ev","ts":1,"n":"Lead\u0000","id":"l1"},
            {"t":"id","ts":1},
            {"t":"ev","ts":1,"n":"Lead","id":"{{new string('x', HitLimits.MaxEventIdLength)}}"}
            """));

        Assert.Equal(4, batch.DroppedItems);
        Assert.Equal("Lead", Assert.IsType<BrowserEventHit>(Assert.Single(batch.Items)).Name);
    }

    [Fact]
    public void Long_free_text_is_truncated_to_the_documented_limits()
    {
        var longUrl = "https://shop.example/" + new string('p', 3000);
        var hit = SingleHit($$""","u":"{{longUrl}}?utm_source={{new string('s', 300)}}","r":"{{longUrl}}" """);

        Assert.Equal(HitLimits.MaxUrlLength, hit.Url!.Length);
        Assert.Equal(HitLimits.MaxUrlLength, hit.Referrer!.Length);
        Assert.Equal(HitLimits.MaxUtmLength, hit.Utm["source"].Length);
    }

    [Fact]
    public void Truncation_never_splits_a_surrogate_pair()
    {
        var url = new string('a', HitLimits.MaxUrlLength - 1) + "😀tail";

        var hit = SingleHit($$""","u":"{{url}}" """);

        Assert.Equal(HitLimits.MaxUrlLength - 1, hit.Url!.Length);
        Assert.False(char.IsHighSurrogate(hit.Url[^1]));
    }

    [Theory]
    [InlineData("fb.1.1712345678901.IwAR2xYz-AbC_9")]
    [InlineData("fb.2.1712345678901.IwAR2xYz-AbC_9.Bg")]
    [InlineData("fb.0.1.AbC%2Fx")]
    public void Well_formed_fbc_is_kept_untouched(string fbc)
    {
        var hit = SingleHit($$""","c":{"_fbc":"{{fbc}}"}""");

        Assert.Equal(fbc, hit.Cookies["_fbc"]);
    }

    [Theory]
    [InlineData("fb.1.IwAR2xYz")]
    [InlineData("fb.12.1712345678901.IwAR")]
    [InlineData("fb.x.1712345678901.IwAR")]
    [InlineData("fb.1.17123x5678901.IwAR")]
    [InlineData("fbc.1.1712345678901.IwAR")]
    [InlineData("fb.1.1712345678901.")]
    [InlineData("fb.1.1712345678901.IwAR.a.b")]
    [InlineData("fb.1.1712345678901.Iw AR")]
    [InlineData("fb.1.1712345678901.IwAR\u00e9")]
    [InlineData("FB.1.1712345678901.IwAR")]
    public void Malformed_fbc_is_dropped(string fbc)
    {
        var hit = SingleHit($$""","c":{"_fbc":"{{fbc}}","_ga":"GA1.1.1.2"}""");

        Assert.False(hit.Cookies.ContainsKey("_fbc"));
        Assert.True(hit.Cookies.ContainsKey("_ga"));
    }

    [Fact]
    public void Fbc_carrying_a_click_id_over_500_characters_is_dropped()
    {
        var hit = SingleHit($$""","c":{"_fbc":"fb.1.1712345678901.{{new string('a', 501)}}"}""");

        Assert.Empty(hit.Cookies);
    }

    [Theory]
    [InlineData("fb.1.1712345678901.1234567890", true)]
    [InlineData("fb.1.1712345678901.abc", false)]
    public void Fbp_must_have_a_numeric_random_part(string fbp, bool kept)
    {
        var hit = SingleHit($$""","c":{"_fbp":"{{fbp}}"}""");

        Assert.Equal(kept, hit.Cookies.ContainsKey("_fbp"));
    }

    [Fact]
    public void Click_ids_are_kept_exactly_up_to_500_characters()
    {
        var max = new string('A', HitLimits.MaxClickIdLength);
        var hit = SingleHit($$""","ck":{"fbclid":"AbC%2Fx_Y","gclid":"{{max}}","ttclid":"{{max}}b","ScCid":"Sc1","scCid":"no","msclkid":"a b","wbraid":"","dclid":"\u00e9","unknown":"z"}""");

        Assert.Equal(new Dictionary<string, string> { ["fbclid"] = "AbC%2Fx_Y", ["gclid"] = max, ["ScCid"] = "Sc1" }, hit.ClickIds);
    }

    [Fact]
    public void Unknown_cookies_are_not_kept()
    {
        var hit = SingleHit(""","c":{"_shopify_y":"abc","_ttp":"ttp-1","li_fat_id":"li-1"}""");

        Assert.Equal(new Dictionary<string, string> { ["_ttp"] = "ttp-1", ["li_fat_id"] = "li-1" }, hit.Cookies);
    }

    [Fact]
    public void Anonymous_body_links_nothing_to_a_visitor()
    {
        var batch = Valid(Body("""
            {"t":"hit","ts":1,"u":"https://shop.example/p","a":1,"ck":{"gclid":"G"},"c":{"_ga":"GA1.1.1.2"}},
            {"t":"id","ts":1,"email":"a@b.example"}
            """, extra: ""","a":1"""));

        Assert.True(batch.Anonymous);
        Assert.Null(batch.VisitorId);
        var hit = Assert.IsType<PageHit>(Assert.Single(batch.Items));
        Assert.True(hit.Anonymous);
        Assert.Empty(hit.ClickIds);
        Assert.Empty(hit.Cookies);
        Assert.Equal(1, batch.DroppedItems);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"short\"")]
    [InlineData("\"has space in it\"")]
    [InlineData("\"../../etc/passwd\"")]
    public void Missing_or_malformed_visitor_id_becomes_null(string vid)
    {
        Assert.Null(Valid(Body("", vid)).VisitorId);
    }

    [Fact]
    public void Page_params_are_read_leniently()
    {
        var ev = Assert.IsType<BrowserEventHit>(Assert.Single(Valid(Body("""
            {"t":"ev","ts":1,"n":"Purchase","id":"purchase_9","p":{"value":"19.90","currency":"euro","order_id":9007199254740993,
             "contents":[{"content_id":42,"item_price":"9.95","quantity":0},{"name":"no id"},"junk",{"id":"b","quantity":3,"content_name":"B"}]}}
            """)).Items));

        Assert.Equal(19.90m, ev.Value);
        Assert.Null(ev.Currency);
        Assert.Equal("9007199254740993", ev.OrderId);
        Assert.Collection(ev.Contents!,
            c => Assert.Equal(("42", 1, 9.95m), (c.Id, c.Quantity, c.Price)),
            c => Assert.Equal(("b", 3, "B"), (c.Id, c.Quantity, c.Name)));
    }

    [Fact]
    public void Huge_numbers_in_params_are_dropped_not_fatal()
    {
        var ev = Assert.IsType<BrowserEventHit>(Assert.Single(Valid(Body("""
            {"t":"ev","ts":1,"n":"Purchase","id":"p1","p":{"value":1e400,"order_id":1e300,"contents":[{"id":"a","quantity":1e20,"price":-1e99}]}}
            """)).Items));

        Assert.Null(ev.Value);
        Assert.Null(ev.OrderId);
        Assert.Equal(1, ev.Contents![0].Quantity);
        Assert.Null(ev.Contents[0].Price);
    }

    [Fact]
    public void Contact_details_over_their_limits_are_dropped()
    {
        var id = Assert.IsType<IdentifyHit>(Assert.Single(Valid(Body($$"""
            {"t":"id","ts":1,"email":"{{new string('a', 250)}}@b.example","phone":"+1 650 555 1212","externalId":"x-1"}
            """)).Items));

        Assert.Null(id.User.Email);
        Assert.Equal("+1 650 555 1212", id.User.Phone);
        Assert.Equal("x-1", id.User.ExternalId);
    }

    [Theory]
    [InlineData("""{"t":"ev","ts":1,"n":"Lead","id":"lead\u0000_1"}""", "e[0].id")]
    [InlineData("""{"t":"ev","ts":1,"n":"Lead","id":"lead\u202e_1"}""", "e[0].id")]
    [InlineData("""{"t":"hit","ts":1},{"t":"ev","ts":1,"n":"Lead","id":"l\u0007"}""", "e[1].id")]
    [InlineData("""{"t":"ev","ts":1,"n":"Purchase","id":"p1","p":{"order_id":"10\u00001"}}""", "e[0].p.order_id")]
    [InlineData("""{"t":"ev","ts":1,"n":"Lead","id":"l","x":{"checkout_token":"tok\n"}}""", "e[0].x.checkout_token")]
    [InlineData("""{"t":"id","ts":1,"externalId":"crm\u001f42"}""", "e[0].externalId")]
    public void An_id_with_control_or_invisible_characters_refuses_the_body_naming_the_field(string items, string field)
    {
        var result = Parse(Body(items));

        Assert.False(result.IsValid);
        Assert.StartsWith(field + " ", result.Error);
    }

    [Theory]
    [InlineData("id", HitLimits.MaxEventIdLength)]
    [InlineData("x", HitLimits.MaxLinkIdValueLength)]
    [InlineData("externalId", HitLimits.MaxExternalIdLength)]
    public void An_id_over_its_limit_refuses_the_body_naming_the_field(string field, int limit)
    {
        var value = new string('x', limit + 1);
        var item = field switch
        {
            "id" => $$"""{"t":"ev","ts":1,"n":"Lead","id":"{{value}}"}""",
            "x" => $$$"""{"t":"ev","ts":1,"n":"Lead","id":"l","x":{"checkout_token":"{{{value}}}"}}""",
            _ => $$"""{"t":"id","ts":1,"externalId":"{{value}}"}""",
        };

        var result = Parse(Body(item));

        Assert.False(result.IsValid);
        Assert.Contains($"longer than {limit} characters", result.Error);
    }

    [Theory]
    [InlineData("""{"v":1,"v":1,"e":[]}""", "duplicate key 'v'")]
    [InlineData("""{"v":1,"e":[{"t":"ev","ts":1,"n":"Lead","id":"a","id":"b"}]}""", "duplicate key 'id'")]
    [InlineData("""{"v":1,"e":[{"t":"ev","ts":1,"n":"Purchase","id":"a","p":{"value":12.5,"value":99999}}]}""", "duplicate key 'value'")]
    public void A_key_written_twice_in_one_object_refuses_the_body(string body, string expected)
    {
        var result = Parse(body);

        Assert.False(result.IsValid);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void Consent_signals_other_than_granted_or_denied_are_unknown()
    {
        var consent = Assert.IsType<ConsentHit>(Assert.Single(Valid(Body("""
            {"t":"cs","ts":1,"ad_storage":"GRANTED","ad_user_data":"maybe","wait_for_update":500}
            """)).Items)).Consent;

        Assert.Equal("granted", consent.AdStorage);
        Assert.Null(consent.AdUserData);
        Assert.Null(consent.SaleOfDataOptOut);
    }

    [Fact]
    public void Link_ids_with_odd_keys_are_dropped()
    {
        var ev = Assert.IsType<BrowserEventHit>(Assert.Single(Valid(Body("""
            {"t":"ev","ts":1,"n":"Lead","id":"l","x":{"shopify_client_id":"c1","Bad-Key":"v","cart_token":null}}
            """)).Items));

        Assert.Equal(new Dictionary<string, string> { ["shopify_client_id"] = "c1" }, ev.LinkIds);
    }

    [Fact]
    public void At_most_eight_link_ids_are_kept()
    {
        var many = string.Join(",", Enumerable.Range(0, 12).Select(i => $"\"k{i}\":\"v{i}\""));

        var ev = Assert.IsType<BrowserEventHit>(Assert.Single(Valid(Body(
            "{\"t\":\"ev\",\"ts\":1,\"n\":\"Lead\",\"id\":\"l\",\"x\":{" + many + "}}")).Items));

        Assert.Equal(HitLimits.MaxLinkIds, ev.LinkIds!.Count);
    }

    [Fact]
    public void Arbitrary_bytes_never_throw()
    {
        var random = new Random(20240601);
        var good = Encoding.UTF8.GetBytes(Body("""
            {"t":"hit","ts":1,"u":"https://s.example/?utm_source=%E2%82%AC%ZZ&fbclid=A","ck":{"fbclid":"A"},"c":{"_fbc":"fb.1.1.A"}},
            {"t":"ev","ts":1,"n":"Purchase","id":"p","p":{"value":1.5,"contents":[{"id":1}]}},
            {"t":"id","ts":1,"email":"a@b.example"},{"t":"cs","ts":1,"ad_storage":"granted"}
            """));
        for (var i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            HitParser.Parse(bytes, MaxItems);

            var mutated = (byte[])good.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            HitParser.Parse(mutated.AsSpan(0, random.Next(mutated.Length + 1)), MaxItems);
        }
    }

    [Fact]
    public void Lone_surrogate_escape_is_refused_not_thrown()
    {
        Assert.Contains("e[0].u is not valid Unicode", Parse(Body("""{"t":"hit","ts":1,"u":"a\ud800"}""")).Error);
        Assert.False(Parse(Body("""{"t":"ev","ts":1,"n":"L","id":"l","p":{"currency":"\udc00"}}""")).IsValid);
    }

    [Theory]
    [InlineData("\"\\ud83d\\ude00\"")]
    [InlineData("\"%\"")]
    [InlineData("\"https://x/?utm_source=%\"")]
    [InlineData("\"https://x/?utm_term=%F0%9F\"")]
    public void Odd_strings_never_throw(string url)
    {
        Assert.True(Parse(Body($$$"""{"t":"hit","ts":1,"u":{{{url}}}}""")).IsValid);
    }
}
