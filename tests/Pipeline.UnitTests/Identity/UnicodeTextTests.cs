using Pipeline.Identity;

namespace Pipeline.UnitTests.Identity;

public class UnicodeTextTests
{
    [Theory]
    [InlineData("\uFEFF abc \uFEFF", "abc")]
    [InlineData("\u00A0\t abc\r\n", "abc")]
    [InlineData(" \uFEFF \uFEFF", "")]
    public void Trim_removes_byte_order_marks_as_javascript_does(string input, string expected) =>
        Assert.Equal(expected, UnicodeText.Trim(input));

    [Theory]
    [InlineData("\u0130", "i\u0307")]
    [InlineData("\u0130STANBUL", "i\u0307stanbul")]
    [InlineData("I", "i")]
    [InlineData("\u0131", "\u0131")]
    public void Lowercase_maps_dotted_capital_i_as_javascript_does(string input, string expected) =>
        Assert.Equal(expected, UnicodeText.ToLower(input));

    [Theory]
    [InlineData("ΟΔΟΣ", "οδο\u03C2")]
    [InlineData("ΟΔΟΣ.", "οδο\u03C2.")]
    [InlineData("ΣΑΣ ΟΔΟΣ", "\u03C3α\u03C2 οδο\u03C2")]
    [InlineData("Σ", "\u03C3")]
    [InlineData("ΑΣΑ", "α\u03C3α")]
    public void Lowercase_uses_final_sigma_at_a_word_end_as_javascript_does(string input, string expected) =>
        Assert.Equal(expected, UnicodeText.ToLower(input));

    [Fact]
    public void Lowercase_handles_characters_outside_the_basic_plane() =>
        Assert.Equal("\U00010428", UnicodeText.ToLower("\U00010400"));
}
