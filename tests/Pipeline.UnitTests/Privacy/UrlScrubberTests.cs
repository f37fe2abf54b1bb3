using Pipeline.Privacy;

namespace Pipeline.UnitTests.Privacy;

public sealed class UrlScrubberTests
{
    [Theory]
    [InlineData("https://shop.example/?utm_source=newsletter&email=jane%40example.com&phone=%2B16505551212&gclid=Cj0KCQ",
        "https://shop.example/?utm_source=newsletter&gclid=Cj0KCQ")]
    [InlineData("/?utm_source=newsletter&email=jane%40example.com&phone=%2B16505551212&gclid=Cj0KCQ",
        "/?utm_source=newsletter&gclid=Cj0KCQ")]
    [InlineData("https://shop.example/p?email=jane@example.com", "https://shop.example/p")]
    public void The_issues_landing_keeps_utm_and_click_id_and_loses_email_and_phone(string url, string expected) =>
        Assert.Equal(expected, UrlScrubber.Scrub(url));

    [Theory]
    [InlineData("https://shop.example/?ref=jane@example.com")]
    [InlineData("https://shop.example/?ref=jane%40example.com")]
    [InlineData("https://shop.example/?ref=jane%2540example.com")]
    [InlineData("https://shop.example/?ref=jane%2Btag%40example.com")]
    [InlineData("https://shop.example/?ref=jane+tag%40example.com")]
    [InlineData("https://shop.example/?ref=JANE.DOE%40EXAMPLE.CO.UK")]
    [InlineData("https://shop.example/?data=%7B%22who%22%3A%22jane%40example.com%22%7D")]
    [InlineData("https://shop.example/?utm_content=jane%40example.com")]
    [InlineData("https://shop.example/?jane%40example.com")]
    [InlineData("https://shop.example/?x=1;to=jane@example.com")]
    public void Email_value_under_any_name_is_removed(string url)
    {
        var scrubbed = UrlScrubber.Scrub(url);
        Assert.Equal("https://shop.example/", scrubbed);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("Email")]
    [InlineData("e-mail")]
    [InlineData("E_Mail")]
    [InlineData("mail")]
    [InlineData("customer_email")]
    [InlineData("customerEmail")]
    [InlineData("checkout[email]")]
    [InlineData("phone")]
    [InlineData("tel")]
    [InlineData("mobile")]
    [InlineData("billing_phone")]
    [InlineData("name")]
    [InlineData("first_name")]
    [InlineData("firstName")]
    [InlineData("FirstName")]
    [InlineData("fname")]
    [InlineData("last_name")]
    [InlineData("lname")]
    [InlineData("surname")]
    [InlineData("billing_first_name")]
    [InlineData("customer[last_name]")]
    [InlineData("address")]
    [InlineData("address1")]
    [InlineData("shipping_address")]
    [InlineData("street")]
    [InlineData("zip")]
    [InlineData("postcode")]
    [InlineData("postal_code")]
    [InlineData("city")]
    [InlineData("dob")]
    [InlineData("birthday")]
    [InlineData("key")]
    [InlineData("token")]
    [InlineData("access_token")]
    [InlineData("api_key")]
    [InlineData("x_api_key")]
    [InlineData("customer%5Bemail%5D")]
    [InlineData("password")]
    [InlineData("first+name")]
    [InlineData("e%2Dmail")]
    public void Known_personal_data_keys_are_removed_whatever_their_value(string name)
    {
        var scrubbed = UrlScrubber.Scrub($"https://shop.example/p?utm_medium=email&{name}=x12345&page=2");
        Assert.Equal("https://shop.example/p?utm_medium=email&page=2", scrubbed);
    }

    [Fact]
    public void Utm_and_click_ids_survive()
    {
        const string url = "https://shop.example/p?utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_term=linen"
            + "&utm_content=hero&utm_id=42&fbclid=IwAR0x&gclid=Cj0KCQ&gbraid=0AAAA&wbraid=1BBBB&dclid=CJK&ttclid=E.C.P.abc"
            + "&msclkid=5f2c&ScCid=sc1&epik=dj0&rdt_cid=rd1&li_fat_id=li1&twclid=tw1&email=jane%40example.com";
        var scrubbed = UrlScrubber.Scrub(url);
        Assert.Equal(url[..url.IndexOf("&email=", StringComparison.Ordinal)], scrubbed);
    }

    [Theory]
    [InlineData("https://shop.example/products/linen-shirt?variant=45000000000001&utm_source=meta")]
    [InlineData("https://shop.example/search?q=linen+shirt&sort_by=price-ascending&page=2")]
    [InlineData("https://shop.example/p?product_name=Linen%20Shirt&campaign_name=Spring&sort_key=price&keyword=linen")]
    [InlineData("https://shop.example/p?a=1&&b=&c#section-2")]
    [InlineData("https://shop.example/p?")]
    [InlineData("https://Shop.Example:8443/a/../b/%7Euser/?X=%41#Top")]
    [InlineData("/relative/path?x=1")]
    [InlineData("https://shop.example/@jane")]
    [InlineData("https://shop.example/p?handle=@jane")]
    public void A_url_with_nothing_personal_comes_back_unchanged(string url) =>
        Assert.Same(url, UrlScrubber.Scrub(url));

    [Theory]
    [InlineData("https://shop.example/p?a=1#email=jane%40example.com", "https://shop.example/p?a=1")]
    [InlineData("https://shop.example/p#email=jane%40example.com&tab=2", "https://shop.example/p#tab=2")]
    [InlineData("https://shop.example/p#/checkout?first_name=Jane&step=2", "https://shop.example/p#/checkout?step=2")]
    [InlineData("https://shop.example/p#/checkout?first_name=Jane", "https://shop.example/p#/checkout")]
    [InlineData("https://shop.example/p#access_token=abc&state=xyz", "https://shop.example/p#state=xyz")]
    [InlineData("https://shop.example/p#jane@example.com", "https://shop.example/p")]
    [InlineData("https://shop.example/p#/thanks/jane%40example.com?x=1", "https://shop.example/p")]
    public void Fragments_are_scrubbed_like_the_query(string url, string expected) =>
        Assert.Equal(expected, UrlScrubber.Scrub(url));

    [Theory]
    [InlineData("https://jane:s3cret@shop.example/p?utm_source=x", "https://shop.example/p?utm_source=x")]
    [InlineData("https://jane@example.com@shop.example/p", "https://shop.example/p")]
    [InlineData("http://user@shop.example", "http://shop.example")]
    [InlineData("//jane:pw@shop.example/p", "//shop.example/p")]
    public void Credentials_in_the_authority_are_dropped(string url, string expected) =>
        Assert.Equal(expected, UrlScrubber.Scrub(url));

    [Fact]
    public void Paths_are_not_inspected()
    {
        // A documented limit: the path is the shop's own structure; only query and fragment are scrubbed.
        const string url = "https://shop.example/unsubscribe/jane@example.com";
        Assert.Same(url, UrlScrubber.Scrub(url));
    }

    [Fact]
    public void Order_encoding_and_case_of_what_is_kept_stay_byte_for_byte()
    {
        var scrubbed = UrlScrubber.Scrub("https://shop.example/p?B=%2f%2F&email=x&a=Caf%C3%A9+au+lait&utm_source=News%20Letter");
        Assert.Equal("https://shop.example/p?B=%2f%2F&a=Caf%C3%A9+au+lait&utm_source=News%20Letter", scrubbed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("%")]
    [InlineData("?%zz=%E0%A4%A&email=%")]
    [InlineData("https://[::1/p?x=%uD800")]
    [InlineData("http://")]
    [InlineData("https://@")]
    [InlineData("@@@?@=@#@")]
    [InlineData("javascript:alert(1)")]
    [InlineData("\u0000\ud800?\udfff=1")]
    public void Malformed_input_never_throws(string? url)
    {
        var scrubbed = UrlScrubber.Scrub(url);
        if (url is null) Assert.Null(scrubbed);
        else Assert.NotNull(scrubbed);
    }

    [Fact]
    public void A_malformed_url_still_loses_its_personal_parameters()
    {
        Assert.Equal("?%zz=%E0%A4%A", UrlScrubber.Scrub("?%zz=%E0%A4%A&email=%"));
    }

    [Fact]
    public void A_url_with_thousands_of_parameters_is_scrubbed_too()
    {
        var url = "https://shop.example/p?" + string.Join('&', Enumerable.Range(0, 5000).Select(i => $"p{i}=v{i}")) + "&email=jane%40example.com";
        var scrubbed = UrlScrubber.Scrub(url);
        Assert.EndsWith("p4999=v4999", scrubbed);
    }
}
