using Pipeline.Sources;

namespace Pipeline.UnitTests.Sources;

public class ClickIdExtractorTests
{
    [Fact]
    public void Click_ids_are_read_from_a_relative_landing_url_with_case_and_encoding_kept()
    {
        var ids = ClickIdExtractor.Extract(
            "/products/linen-shirt?utm_source=facebook&fbclid=IwAR2xYz_Ab-Cd%3D%3D&gclid=Cj0KCQjw-AbC_dEf#reviews");

        Assert.Equal("IwAR2xYz_Ab-Cd%3D%3D", ids["fbclid"]);
        Assert.Equal("Cj0KCQjw-AbC_dEf", ids["gclid"]);
        Assert.Equal(2, ids.Count);
    }

    [Fact]
    public void Every_supported_platform_name_is_read_exactly()
    {
        var query = string.Join('&', ClickIdExtractor.Names.Select(n => $"{n}=v_{n}"));
        var ids = ClickIdExtractor.Extract("https://shop.example/?" + query);

        Assert.Equal(ClickIdExtractor.Names.Count, ids.Count);
        Assert.Equal("v_ScCid", ids["ScCid"]);
        Assert.Equal("v_li_fat_id", ids["li_fat_id"]);
    }

    [Fact]
    public void Names_are_case_sensitive_and_first_occurrence_wins()
    {
        var ids = ClickIdExtractor.Extract("?GCLID=upper&gclid=first&gclid=second&sccid=lower");

        Assert.Equal("first", ids["gclid"]);
        Assert.Single(ids);
    }

    [Fact]
    public void A_bare_query_string_is_accepted()
    {
        Assert.Equal("abc", ClickIdExtractor.Extract("ttclid=abc&x=1")["ttclid"]);
    }

    [Fact]
    public void Overlong_empty_and_control_character_values_are_ignored()
    {
        var ids = ClickIdExtractor.Extract(
            $"/?fbclid={new string('a', ClickIdExtractor.MaxValueLength + 1)}&gclid=&msclkid=a\u0001b&ttclid=ok");

        Assert.Equal(["ttclid"], ids.Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/products/shirt")]
    [InlineData("https://shop.example/")]
    public void Urls_without_click_ids_give_none(string? url)
    {
        Assert.Empty(ClickIdExtractor.Extract(url));
    }
}
