using Pipeline.Storage;

namespace Pipeline.UnitTests.Storage;

public sealed class TableKeysTests
{
    [Theory]
    [InlineData("purchase_58213", "purchase_58213")]
    [InlineData("a/b\\c#d?e", "a~2Fb~5Cc~23d~3Fe")]
    [InlineData("tab\there", "tab~09here")]
    [InlineData("tilde~stays~unambiguous", "tilde~7Estays~7Eunambiguous")]
    [InlineData("é", "~C3~A9")]
    public void Characters_tables_forbid_and_the_escape_itself_are_written_as_utf8_hex(string input, string expected) =>
        Assert.Equal(expected, TableKeys.Encode(input));

    [Fact]
    public void An_over_long_key_is_cut_and_suffixed_with_a_hash_so_distinct_inputs_stay_distinct()
    {
        var a = TableKeys.Encode(new string('a', 2000) + "1");
        var b = TableKeys.Encode(new string('a', 2000) + "2");

        Assert.Equal(512, a.Length);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void A_prefixed_key_is_the_prefix_and_the_encoded_value_within_the_same_limit()
    {
        Assert.Equal("event~" + TableKeys.Encode("purchase/1"), TableKeys.Encode("purchase/1", prefix: "event~"));

        var longKey = TableKeys.Encode(new string('é', 600), prefix: "event~");
        Assert.Equal(512, longKey.Length);
        Assert.StartsWith("event~~C3~A9", longKey);
    }
}
