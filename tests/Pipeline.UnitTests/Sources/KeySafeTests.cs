using Pipeline.Sources;

namespace Pipeline.UnitTests.Sources;

public class KeySafeTests
{
    [Fact]
    public void Characters_forbidden_in_table_keys_are_escaped_and_distinct_inputs_stay_distinct()
    {
        var escaped = KeySafe.Escape("a/b\\c#d?e%f\u0001g:h");

        Assert.Equal("a%2Fb%5Cc%23d%3Fe%25f%01g:h", escaped);
        Assert.NotEqual(KeySafe.Escape("a/b"), KeySafe.Escape("a%2Fb"));
    }

    [Fact]
    public void Long_values_are_cut_to_the_limit()
    {
        Assert.Equal(KeySafe.MaxLength, KeySafe.Escape(new string('/', 500)).Length);
    }
}
